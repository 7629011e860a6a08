package io.github.softmax4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.softmax4j.Cases.Case;
import java.math.BigDecimal;
import java.util.SplittableRandom;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The weighted log-sum-exp, SciPy's {@code logsumexp(u, b=b)}. */
class WeightedLogSumExpTest {

    static LongStream seeds() {
        return Cases.seeds(600);
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void isWithinItsBoundOfTheOracle(long seed) {
        Case c = Cases.of(seed, Cases.Regime.values(), 200);
        SplittableRandom r = new SplittableRandom(seed);
        double[] b = new double[c.u().length];
        for (int j = 0; j < b.length; j++) {
            int kind = r.nextInt(4);
            b[j] = kind == 0 ? 0.0 : kind == 1 ? 1.0 : Math.pow(10, r.nextDouble(-300, 300));
        }
        b[Cases.argMax(c.u())] = r.nextBoolean() ? 1.0 : r.nextDouble(0.01, 100);
        double x = LogSumExp.of(c.u(), b);
        BigDecimal[] exact = Oracle.weightedLogSumExp(c.u(), b);
        BigDecimal value = exact[0];
        BigDecimal m = exact[1];
        boolean cancels = value.abs().compareTo(m.abs().divide(BigDecimal.valueOf(2))) < 0;
        double bound = Oracle.ulpOf(cancels ? m : value) + 0x1p-55;
        double error = new BigDecimal(x).subtract(value).abs().doubleValue();
        assertThat(error).as("%s against %s\nb=%s\n%s", x, value, java.util.Arrays.toString(b), c)
                .isLessThanOrEqualTo(bound);
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void unitWeightsGiveTheLogSumExp(long seed) {
        Case c = Cases.of(seed, Cases.Regime.values(), 200);
        double[] ones = new double[c.u().length];
        java.util.Arrays.fill(ones, 1.0);
        double x = LogSumExp.of(c.u(), ones);
        double expected = LogSumExp.of(c.u());
        if (!Double.isFinite(expected)) {
            assertThat(x).isEqualTo(expected);
        } else {
            assertThat(Math.abs(x - expected)).as("%s", c)
                    .isLessThanOrEqualTo(2 * Math.ulp(Math.max(Math.abs(expected), Math.abs(c.u()[Cases.argMax(c.u())]))));
        }
    }

    /**
     * For results of 8 and more, every error but the final rounding is far below an ulp (at least 2^-50): the
     * logarithms of the weights are within about 2^-57 absolute, the recomputed terms within 2^-56 relative, the
     * logarithm of the sum within 2^-57 relative, under {@code log(n) <= 4}: 0.6 ulps in all. The shifts
     * {@code u_j + log b_j - v_top}, of logits near 1,000, round at 2^-43 and must keep their error terms.
     */
    @Test
    void isRoundedOnceWhereNothingCancels() {
        SplittableRandom r = new SplittableRandom(61);
        for (int rep = 0; rep < 3000; rep++) {
            int n = 2 + r.nextInt(40);
            double[] u = new double[n];
            double[] b = new double[n];
            double centre = r.nextBoolean() ? r.nextDouble(10, 20) : r.nextDouble(500, 1000);
            for (int j = 0; j < n; j++) {
                u[j] = centre - r.nextDouble(0, 5);
                b[j] = r.nextInt(5) == 0 ? 0.0 : r.nextDouble(0.01, 10);
            }
            b[r.nextInt(n)] = r.nextDouble(0.5, 2);
            double x = LogSumExp.of(u, b);
            assertThat(Oracle.ulps(x, Oracle.weightedLogSumExp(u, b)[0])).as("rep %d", rep).isLessThanOrEqualTo(0.6);
        }
    }

    /** Several {@code +inf} logits with weights: {@code +inf}, as one is. */
    @Test
    void severalPositiveInfinitiesGivePositiveInfinity() {
        double inf = Double.POSITIVE_INFINITY;
        assertThat(LogSumExp.of(new double[] {inf, inf}, new double[] {1, 1})).isEqualTo(inf);
        assertThat(LogSumExp.of(new double[] {0, inf, 2, inf}, new double[] {1, 0.5, 1, 3})).isEqualTo(inf);
    }

    @Test
    void examplesAndSpecialCases() {
        // log(2 e^0 + e^0) = log 3; log(0.5 e^1) = 1 - log 2
        Exact.assertUlps(LogSumExp.of(new double[] {0, 0}, new double[] {2, 1}),
                "1.098612288668109691395245236922525704647", 1);
        Exact.assertUlps(LogSumExp.of(new double[] {1}, new double[] {0.5}), "0.3068528194400546905827678785418234319244", 1);
        // a weight of 0 ignores its logit, even NaN or +inf
        assertThat(LogSumExp.of(new double[] {1, Double.NaN, Double.POSITIVE_INFINITY}, new double[] {1, 0, 0}))
                .isEqualTo(1.0);
        assertThat(LogSumExp.of(new double[] {1, Double.NaN}, new double[] {1, 1})).isNaN();
        assertThat(LogSumExp.of(new double[] {Double.NaN}, new double[] {1})).isNaN();
        assertThat(LogSumExp.of(new double[] {Double.NaN, Double.NEGATIVE_INFINITY}, new double[] {1, 1})).isNaN();
        assertThat(LogSumExp.of(new double[] {Double.POSITIVE_INFINITY}, new double[] {0.5}))
                .isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(LogSumExp.of(new double[] {Double.POSITIVE_INFINITY, 1}, new double[] {3, 1}))
                .isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(LogSumExp.of(new double[] {1, Double.POSITIVE_INFINITY}, new double[] {1, 2}))
                .isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(LogSumExp.of(new double[] {1, 2}, new double[] {0, 0})).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(LogSumExp.of(new double[0], new double[0])).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(LogSumExp.of(new double[] {Double.NEGATIVE_INFINITY, 3}, new double[] {5, 0}))
                .isEqualTo(Double.NEGATIVE_INFINITY);
        // u + log b = MAX_VALUE + 690.8, which rounds to MAX_VALUE (|log b| < 746 never reaches the next ulp)
        assertThat(LogSumExp.of(new double[] {Double.MAX_VALUE, 0}, new double[] {1e300, 1}))
                .isEqualTo(Double.MAX_VALUE);
        // weights far outside exp's range: log(1e-300 e^700) = 700 - 690.7755...
        Exact.assertUlps(LogSumExp.of(new double[] {700}, new double[] {1e-300}),
                new BigDecimal(700).add(ch.obermuhlner.math.big.BigDecimalMath.log(new BigDecimal(1e-300), Oracle.MC))
                        .toString(), 1);
    }

    @Test
    void invalidWeights() {
        assertThatThrownBy(() -> LogSumExp.of(new double[] {1, 2}, new double[] {1, -1}))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("b[1] is -1.0 but must be finite and non-negative");
        assertThatThrownBy(() -> LogSumExp.of(new double[] {1, 2}, new double[] {Double.POSITIVE_INFINITY, 1}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("b[0] is Infinity but must be finite and non-negative");
        assertThatThrownBy(() -> LogSumExp.of(new double[] {1, 2}, new double[] {1}))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("b has length 1 but u has length 2");
        assertThatThrownBy(() -> LogSumExp.of(new double[] {1}, (double[]) null))
                .isInstanceOf(NullPointerException.class).hasMessage("b must not be null");
    }
}
