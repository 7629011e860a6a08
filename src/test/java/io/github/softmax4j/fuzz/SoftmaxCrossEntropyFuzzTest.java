package io.github.softmax4j.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.github.softmax4j.CrossEntropyOptions;
import io.github.softmax4j.SoftmaxCrossEntropy;

/**
 * {@link SoftmaxCrossEntropy} on any bits, labels and aliasing, single vectors and batches with options:
 * only documented exceptions, inputs untouched, NaN-free for finite inputs, a loss {@code >= 0} for
 * non-negative targets.
 */
class SoftmaxCrossEntropyFuzzTest {

    @FuzzTest(maxDuration = "10m")
    void crossEntropy(FuzzedDataProvider data) {
        int k = data.consumeInt(0, 40);
        double[] u = Fuzzing.doubles(data, k);
        double[] p = data.consumeBoolean() ? Fuzzing.nonNegative(data, k) : Fuzzing.doubles(data, k);
        int label = data.consumeInt(-2, k + 1);
        double[] uCopy = u.clone();
        double[] pCopy = p.clone();
        boolean validLabel = k > 0 && label >= 0 && label < k;
        double labelLoss = Double.NaN;
        double[] labelGrad = new double[k];
        try {
            labelLoss = SoftmaxCrossEntropy.valueAndGradient(label, u, labelGrad);
            assertThat(validLabel).isTrue();
        } catch (IndexOutOfBoundsException | IllegalArgumentException e) {
            assertThat(validLabel).isFalse();
        }
        double targetLoss = Double.NaN;
        double[] targetGrad = new double[k];
        try {
            targetLoss = SoftmaxCrossEntropy.valueAndGradient(p, u, targetGrad);
            assertThat(k).isPositive();
        } catch (IllegalArgumentException e) {
            assertThat(k).isZero();
        }
        boolean nonNegative = true;
        for (double x : p) {
            nonNegative &= x >= 0;
        }
        double kl = Double.NaN;
        try {
            kl = SoftmaxCrossEntropy.klDivergence(p, u);
            assertThat(k > 0 && nonNegative && Fuzzing.finite(p)).isTrue();
        } catch (IllegalArgumentException e) {
            assertThat(k > 0 && nonNegative && Fuzzing.finite(p)).isFalse();
        }
        Fuzzing.assertUnchanged(u, uCopy);
        Fuzzing.assertUnchanged(p, pCopy);
        // the gradient may replace the logits
        if (validLabel) {
            double[] inPlace = u.clone();
            assertThat(Double.doubleToLongBits(SoftmaxCrossEntropy.valueAndGradient(label, inPlace, inPlace)))
                    .isEqualTo(Double.doubleToLongBits(labelLoss));
            assertThat(inPlace).isEqualTo(labelGrad);
        }
        if (k > 0 && Fuzzing.finite(u)) {
            if (validLabel) {
                assertThat(labelLoss).isNotNaN().isGreaterThanOrEqualTo(0.0);
                for (double g : labelGrad) {
                    assertThat(g).isNotNaN();
                }
            }
            // weights of both signs may overflow p_j (m - u_j) both ways: NaN, as documented
            if (Fuzzing.finite(p) && Fuzzing.finiteSum(p) && nonNegative) {
                assertThat(targetLoss).isNotNaN();
                for (double g : targetGrad) {
                    assertThat(g).isNotNaN();
                }
                if (nonNegative) {
                    assertThat(targetLoss).isGreaterThanOrEqualTo(0.0);
                    assertThat(kl).isNotNaN();
                }
            }
        }
        batch(data, u, p);
    }

    /** A batch of the same numbers with random options: documented exceptions only, NaN-free when finite. */
    private static void batch(FuzzedDataProvider data, double[] u, double[] p) {
        int classes = data.consumeInt(1, 5);
        if (u.length % classes != 0) {
            return;
        }
        int rows = u.length / classes;
        int[] labels = new int[rows];
        for (int i = 0; i < rows; i++) {
            labels[i] = data.consumeInt(-1, classes - 1);
        }
        CrossEntropyOptions o = CrossEntropyOptions.defaults().withIgnoredLabel(-1)
                .withLabelSmoothing(data.consumeProbabilityDouble())
                .withTemperature(data.consumeRegularDouble(0.01, 100))
                .withReduction(data.consumeBoolean() ? CrossEntropyOptions.Reduction.SUM : CrossEntropyOptions.Reduction.MEAN);
        if (data.consumeBoolean()) {
            double[] w = Fuzzing.nonNegative(data, classes);
            try {
                o = o.withClassWeights(w);
                assertThat(Fuzzing.finite(w)).isTrue();
            } catch (IllegalArgumentException e) {
                assertThat(Fuzzing.finite(w)).isFalse();
            }
        }
        double[] uCopy = u.clone();
        double[] losses = new double[rows];
        double[] grad = new double[u.length];
        double value = SoftmaxCrossEntropy.rows(labels, u, classes, o, losses, grad);
        Fuzzing.assertUnchanged(u, uCopy);
        double[] w = o.classWeights();
        if (Fuzzing.finite(u) && (w == null || Fuzzing.finiteSum(w))) {
            // the temperature may overflow u / T: +inf losses, but no NaN unless infinities meet
            double[] z = new double[u.length];
            for (int j = 0; j < u.length; j++) {
                z[j] = u[j] / o.temperature();
            }
            if (Fuzzing.finite(z)) {
                assertThat(value).isNotNaN().isGreaterThanOrEqualTo(0.0);
                for (double g : grad) {
                    assertThat(g).isNotNaN();
                }
            }
        }
    }
}
