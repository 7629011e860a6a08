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
        hessian(data, u, p, label, validLabel, nonNegative);
        floats(u, p, label, validLabel);
        batch(data, u, p);
    }

    /** Hessian products: documented exceptions only, inputs untouched, NaN-free for finite arguments. */
    private static void hessian(FuzzedDataProvider data, double[] u, double[] p, int label, boolean validLabel,
            boolean nonNegative) {
        int k = u.length;
        double[] v = Fuzzing.doubles(data, k);
        double[] uCopy = u.clone();
        double[] pCopy = p.clone();
        double[] vCopy = v.clone();
        double[] hv = new double[k];
        try {
            SoftmaxCrossEntropy.hessianTimes(p, u, v, hv);
            assertThat(k).isPositive();
        } catch (IllegalArgumentException e) {
            assertThat(k).isZero();
        }
        double[] hy = new double[k];
        try {
            SoftmaxCrossEntropy.hessianTimes(label, u, v, hy);
            assertThat(validLabel).isTrue();
        } catch (IndexOutOfBoundsException | IllegalArgumentException e) {
            assertThat(validLabel).isFalse();
        }
        Fuzzing.assertUnchanged(u, uCopy);
        Fuzzing.assertUnchanged(p, pCopy);
        Fuzzing.assertUnchanged(v, vCopy);
        if (k > 0 && Fuzzing.finite(u) && Fuzzing.finite(v)) {
            if (validLabel) {
                for (double x : hy) {
                    assertThat(x).isNotNaN();
                }
            }
            if (Fuzzing.finite(p) && Fuzzing.finiteSum(p) && nonNegative) {
                for (double x : hv) {
                    assertThat(x).isNotNaN();
                }
            }
        }
    }

    /** The float forms: the double results of the widened arguments, each rounded to float once. */
    private static void floats(double[] u, double[] p, int label, boolean validLabel) {
        float[] f = Fuzzing.narrow(u);
        float[] q = Fuzzing.narrow(p);
        double[] wide = Fuzzing.widen(f);
        double[] qWide = Fuzzing.widen(q);
        float[] fCopy = f.clone();
        float[] qCopy = q.clone();
        if (validLabel) {
            float[] g = new float[f.length];
            double[] dg = new double[f.length];
            Fuzzing.assertRoundedOnce(SoftmaxCrossEntropy.valueAndGradient(label, f, g),
                    SoftmaxCrossEntropy.valueAndGradient(label, wide, dg));
            Fuzzing.assertRoundedOnce(g, dg);
        }
        if (f.length > 0) {
            float[] g = new float[f.length];
            double[] dg = new double[f.length];
            Fuzzing.assertRoundedOnce(SoftmaxCrossEntropy.valueAndGradient(q, f, g),
                    SoftmaxCrossEntropy.valueAndGradient(qWide, wide, dg));
            Fuzzing.assertRoundedOnce(g, dg);
        }
        Fuzzing.assertUnchanged(f, fCopy);
        Fuzzing.assertUnchanged(q, qCopy);
    }

    /** The same batch as arrays of rows: the same bits, for labels and for soft targets. */
    private static void arraysOfRows(int[] labels, double[] u, double[] p, int classes, CrossEntropyOptions o,
            double value, double[] losses, double[] grad) {
        int rows = labels.length;
        if (rows == 0) {
            return; // an empty array of rows has no row length to check class weights against
        }
        double[][] uRows = new double[rows][];
        double[][] pRows = new double[rows][];
        double[][] gRows = new double[rows][classes];
        for (int i = 0; i < rows; i++) {
            uRows[i] = java.util.Arrays.copyOfRange(u, i * classes, (i + 1) * classes);
            pRows[i] = java.util.Arrays.copyOfRange(p, i * classes, (i + 1) * classes);
        }
        double[] rowLosses = new double[rows];
        double rowValue = SoftmaxCrossEntropy.rows(labels, uRows, o, rowLosses, gRows);
        assertThat(Double.doubleToLongBits(rowValue)).isEqualTo(Double.doubleToLongBits(value));
        assertThat(rowLosses).isEqualTo(losses);
        for (int i = 0; i < rows; i++) {
            assertThat(gRows[i]).isEqualTo(java.util.Arrays.copyOfRange(grad, i * classes, (i + 1) * classes));
        }
        double[] flatLosses = new double[rows];
        double[] flatGrad = new double[u.length];
        double flat = SoftmaxCrossEntropy.rows(p, u, classes, o, flatLosses, flatGrad);
        double[] targetLosses = new double[rows];
        double target = SoftmaxCrossEntropy.rows(pRows, uRows, o, targetLosses, gRows);
        assertThat(Double.doubleToLongBits(target)).isEqualTo(Double.doubleToLongBits(flat));
        assertThat(targetLosses).isEqualTo(flatLosses);
        for (int i = 0; i < rows; i++) {
            assertThat(gRows[i]).isEqualTo(java.util.Arrays.copyOfRange(flatGrad, i * classes, (i + 1) * classes));
        }
    }

    /**
     * The float batches, labels and soft targets: the double batches of the widened arguments, each loss,
     * gradient entry and the reduced value rounded once.
     */
    private static void floatRows(int[] labels, double[] u, double[] p, int classes, CrossEntropyOptions o) {
        int rows = labels.length;
        float[] f = Fuzzing.narrow(u);
        float[] q = Fuzzing.narrow(p);
        float[] fCopy = f.clone();
        float[] qCopy = q.clone();
        double[] wide = Fuzzing.widen(f);
        double[] qWide = Fuzzing.widen(q);
        float[] losses = new float[rows];
        float[] grad = new float[f.length];
        double[] dLosses = new double[rows];
        double[] dGrad = new double[f.length];
        Fuzzing.assertRoundedOnce(SoftmaxCrossEntropy.rows(labels, f, classes, o, losses, grad),
                SoftmaxCrossEntropy.rows(labels, wide, classes, o, dLosses, dGrad));
        Fuzzing.assertRoundedOnce(losses, dLosses);
        Fuzzing.assertRoundedOnce(grad, dGrad);
        Fuzzing.assertRoundedOnce(SoftmaxCrossEntropy.rows(q, f, classes, o, losses, grad),
                SoftmaxCrossEntropy.rows(qWide, wide, classes, o, dLosses, dGrad));
        Fuzzing.assertRoundedOnce(losses, dLosses);
        Fuzzing.assertRoundedOnce(grad, dGrad);
        Fuzzing.assertUnchanged(f, fCopy);
        Fuzzing.assertUnchanged(q, qCopy);
    }

    /** A batch of over 64 rows (tiled from these) on an executor: the calling thread's bits. */
    private static void onAnExecutor(FuzzedDataProvider data, int[] labels, double[] u, double[] p, int classes,
            CrossEntropyOptions o) {
        if (labels.length == 0) {
            return;
        }
        int rows = data.consumeInt(65, 140);
        double[] t = Fuzzing.tile(u, classes, rows);
        double[] tp = Fuzzing.tile(p, classes, rows);
        int[] tl = new int[rows];
        for (int i = 0; i < rows; i++) {
            tl[i] = labels[i % labels.length];
        }
        CrossEntropyOptions onExecutor = o.withExecutor(Fuzzing.DIRECT);
        double[] losses = new double[rows];
        double[] grad = new double[t.length];
        double[] eLosses = new double[rows];
        double[] eGrad = new double[t.length];
        assertThat(Double.doubleToLongBits(SoftmaxCrossEntropy.rows(tl, t, classes, onExecutor, eLosses, eGrad)))
                .isEqualTo(Double.doubleToLongBits(SoftmaxCrossEntropy.rows(tl, t, classes, o, losses, grad)));
        assertThat(eLosses).isEqualTo(losses);
        assertThat(eGrad).isEqualTo(grad);
        assertThat(Double.doubleToLongBits(SoftmaxCrossEntropy.rows(tp, t, classes, onExecutor, eLosses, eGrad)))
                .isEqualTo(Double.doubleToLongBits(SoftmaxCrossEntropy.rows(tp, t, classes, o, losses, grad)));
        assertThat(eLosses).isEqualTo(losses);
        assertThat(eGrad).isEqualTo(grad);
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
        arraysOfRows(labels, u, p, classes, o, value, losses, grad);
        floatRows(labels, u, p, classes, o);
        onAnExecutor(data, labels, u, p, classes, o);
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
