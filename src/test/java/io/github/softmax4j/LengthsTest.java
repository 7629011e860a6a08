package io.github.softmax4j;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The special cases at every length that changes the kernels' loops: below, at and past a vector's lanes,
 * and across the 512-entry chunks, with the maximum, the NaN and the masks at the start, inside and at the
 * end. The exact values are those of the special-case table; the finite results are compared with the
 * oracle's ulp bounds by {@link AccuracyTest}.
 */
class LengthsTest {
    static IntStream lengths() {
        return IntStream.concat(IntStream.rangeClosed(1, 20), IntStream.of(31, 32, 33, 511, 512, 513, 1024, 1100));
    }

    static double[] logits(int k) {
        SplittableRandom r = new SplittableRandom(k);
        double[] u = new double[k];
        for (int j = 0; j < k; j++) {
            u[j] = r.nextDouble(-5, 5);
        }
        return u;
    }

    static int[] positions(int k) {
        return IntStream.of(0, k / 3, k / 2, k - 1).distinct().toArray();
    }

    @ParameterizedTest
    @MethodSource("lengths")
    void nanAnywhereMakesEveryOutputNaN(int k) {
        for (int at : positions(k)) {
            double[] u = logits(k);
            u[at] = Double.NaN;
            double[] p = new double[k];
            p[(at + 1) % k] = 1;
            assertThat(LogSumExp.of(u)).as("at %d", at).isNaN();
            assertThat(Softmax.of(u)).as("at %d", at).containsOnly(Double.NaN);
            assertThat(Softmax.log(u)).as("at %d", at).containsOnly(Double.NaN);
            assertThat(SoftmaxCrossEntropy.value((at + 1) % k, u)).isNaN();
            assertThat(SoftmaxCrossEntropy.gradient((at + 1) % k, u)).containsOnly(Double.NaN);
            assertThat(SoftmaxCrossEntropy.value(p, u)).isNaN();
            assertThat(SoftmaxCrossEntropy.gradient(p, u)).containsOnly(Double.NaN);
        }
    }

    @ParameterizedTest
    @MethodSource("lengths")
    void theMaximumAnywhereGetsTheLargestShareAndTheRestSumsToOne(int k) {
        for (int at : positions(k)) {
            double[] u = logits(k);
            u[at] = 40;
            double[] s = Softmax.of(u);
            for (int j = 0; j < k; j++) {
                assertThat(s[j]).isLessThanOrEqualTo(s[at]);
            }
            double sum = Arrays.stream(s).sum();
            assertThat(Math.abs(sum - 1)).isLessThanOrEqualTo(2 * k * Math.ulp(1.0));
            // the label at the maximum: loss log1p(s), gradient -s/(1+s), both tiny and positive/negative
            double loss = SoftmaxCrossEntropy.value(at, u);
            double[] g = SoftmaxCrossEntropy.gradient(at, u);
            if (k == 1) {
                assertThat(loss).isEqualTo(0.0);
                assertThat(g).containsExactly(0.0);
            } else {
                assertThat(loss).isPositive().isLessThan(k * Math.exp(-30));
                assertThat(g[at]).isNegative().isCloseTo(-loss, org.assertj.core.data.Offset.offset(loss * 1e-9));
            }
            assertThat(Softmax.log(u)[at]).isEqualTo(0.0 - loss);
        }
    }

    @ParameterizedTest
    @MethodSource("lengths")
    void masksAndInfinitiesAnywhere(int k) {
        for (int at : positions(k)) {
            double[] u = logits(k);
            u[at] = Double.NEGATIVE_INFINITY;
            if (k > 1) {
                assertThat(Softmax.of(u)[at]).isEqualTo(0.0);
                assertThat(Softmax.log(u)[at]).isEqualTo(Double.NEGATIVE_INFINITY);
                double[] p = new double[k];
                p[(at + 1) % k] = 1;
                double[] g = SoftmaxCrossEntropy.gradient(p, u);
                assertThat(g[at]).isEqualTo(0.0);
                assertThat(SoftmaxCrossEntropy.value(p, u)).isFinite();
                p[at] = 0.5;
                assertThat(SoftmaxCrossEntropy.value(p, u)).isEqualTo(Double.POSITIVE_INFINITY);
                assertThat(SoftmaxCrossEntropy.gradient(p, u)[at]).isEqualTo(-0.5);
            }
            double[] v = logits(k);
            v[at] = Double.POSITIVE_INFINITY;
            v[k - 1] = Double.POSITIVE_INFINITY;
            double share = at == k - 1 ? 1.0 : 0.5;
            assertThat(LogSumExp.of(v)).isEqualTo(Double.POSITIVE_INFINITY);
            assertThat(Softmax.of(v)[at]).isEqualTo(share);
            assertThat(Arrays.stream(Softmax.of(v)).sum()).isEqualTo(1.0);
            double[] all = new double[k];
            Arrays.fill(all, Double.NEGATIVE_INFINITY);
            assertThat(LogSumExp.of(all)).isEqualTo(Double.NEGATIVE_INFINITY);
            assertThat(Softmax.of(all)).containsOnly(0.0);
        }
    }

    @ParameterizedTest
    @MethodSource("lengths")
    void everyEntryPointAgreesInPlaceAndOutOfPlace(int k) {
        double[] u = logits(k);
        double[] p = Cases.target(new SplittableRandom(k), u);
        int y = k / 2;
        double[] s = Softmax.of(u);
        double[] copy = u.clone();
        assertThat(Softmax.of(copy, copy)).isEqualTo(s);
        double[] logS = Softmax.log(u);
        copy = u.clone();
        assertThat(Softmax.log(copy, copy)).isEqualTo(logS);
        double[] g = SoftmaxCrossEntropy.gradient(p, u);
        copy = u.clone();
        assertThat(SoftmaxCrossEntropy.valueAndGradient(p, copy, copy)).isEqualTo(SoftmaxCrossEntropy.value(p, u));
        assertThat(copy).isEqualTo(g);
        double[] gy = SoftmaxCrossEntropy.gradient(y, u);
        copy = u.clone();
        assertThat(SoftmaxCrossEntropy.valueAndGradient(y, copy, copy)).isEqualTo(SoftmaxCrossEntropy.value(y, u));
        assertThat(copy).isEqualTo(gy);
        for (int from = 0; from <= Math.min(k, 9); from++) {
            double[] part = Arrays.copyOfRange(u, from, k);
            assertThat(LogSumExp.of(u, from, k)).isEqualTo(LogSumExp.of(part));
        }
    }
}
