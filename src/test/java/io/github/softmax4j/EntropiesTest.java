package io.github.softmax4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.softmax4j.Cases.Case;
import java.math.BigDecimal;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The softmax's entropy and the KL divergence from a target to it. */
class EntropiesTest {

    static LongStream seeds() {
        return Cases.seeds(600);
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void entropyIsWithinTwoUlpsAndBetweenZeroAndLogK(long seed) {
        Case c = Cases.of(seed, Cases.Regime.values(), 300);
        double h = Softmax.entropy(c.u());
        assertThat(h).as("%s", c).isBetween(0.0, Math.log(c.u().length) * (1 + 0x1p-50));
        BigDecimal exact = new Oracle(c.u()).entropy();
        if (exact.signum() == 0) {
            assertThat(h).as("%s", c).isEqualTo(0.0);
        } else {
            // a subnormal result: within K units of MIN_VALUE, like the terms it sums
            double error = new BigDecimal(h).subtract(exact).abs().doubleValue();
            assertThat(error).as("%s against %s\n%s", h, exact, c)
                    .isLessThanOrEqualTo(2 * Oracle.ulpOf(exact) + c.u().length * Double.MIN_VALUE);
        }
    }

    /**
     * Thousands of small terms beside one near 1, their shifts rounded (logits of both signs): the entropy's
     * two sums must stay compensated, where a plain sum drifts by ten ulps and more.
     */
    @Test
    void entropyOfLongVectorsIsWithinTwoUlps() {
        java.util.SplittableRandom r = new java.util.SplittableRandom(23);
        for (int rep = 0; rep < 4; rep++) {
            double[] u = new double[3000];
            double m = r.nextDouble(0.1, 0.9);
            u[0] = m;
            u[1] = m - r.nextDouble(0.001, 0.1);
            for (int j = 2; j < u.length; j++) {
                u[j] = m - r.nextDouble(18, 26);
            }
            BigDecimal exact = new Oracle(u).entropy();
            double error = new BigDecimal(Softmax.entropy(u)).subtract(exact).abs().doubleValue();
            assertThat(error).as("rep %d", rep).isLessThanOrEqualTo(2 * Oracle.ulpOf(exact));
        }
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void klDivergenceIsAccurateAndNeverNegativeForProbabilityVectors(long seed) {
        Case c = Cases.of(seed, Cases.Regime.values(), 300);
        double[] p = c.p().clone();
        // a probability vector: the case's weights normalized (rounding leaves sum(p) within K ulps of 1)
        double sum = 0;
        for (double x : p) {
            sum += x;
        }
        if (sum == 0 || !Double.isFinite(sum)) {
            return;
        }
        for (int j = 0; j < p.length; j++) {
            p[j] = Math.abs(p[j]) / sum;
        }
        double kl = SoftmaxCrossEntropy.klDivergence(p, c.u());
        BigDecimal exact = new Oracle(c.u()).klDivergence(p);
        if (exact == null || exact.compareTo(new BigDecimal(Double.MAX_VALUE)) > 0) {
            assertThat(kl).as("%s", c).isEqualTo(Double.POSITIVE_INFINITY);
            return;
        }
        BigDecimal pSum = Oracle.sum(p);
        double error = new BigDecimal(kl).subtract(exact).abs().doubleValue();
        assertThat(error).as("%s against %s\n%s", kl, exact, c)
                .isLessThanOrEqualTo(2 * Oracle.ulpOf(exact) + 0x1p-55 * pSum.doubleValue());
        assertThat(kl).isGreaterThanOrEqualTo(0.0);
    }

    /**
     * A target summing to about 0.54 whose exact KL divergence is about -1.3 2^-54 (negative, as it may be for
     * a target that is not a probability vector): below the clamp at {@code -2^-54 sum(p)}, so it is returned
     * as computed, within 2 ulps plus {@code 2^-55 sum(p)}, not as 0.
     */
    @Test
    void negativeKlBeyondTheErrorBoundIsReturned() {
        double[] u = {0, 0};
        double b = 0.53;
        // a log(2a) = -b log(2b), solved for a by Newton's method, then the nearest a with the wanted value
        double a = 0.0073;
        for (int i = 0; i < 50; i++) {
            a -= (a * Math.log(2 * a) + b * Math.log(2 * b)) / (Math.log(2 * a) + 1);
        }
        BigDecimal low = new BigDecimal(-1.4 * 0x1p-54);
        BigDecimal high = new BigDecimal(-1.2 * 0x1p-54);
        double[] p = null;
        BigDecimal exact = null;
        for (int i = -400; i <= 400 && p == null; i++) {
            double[] candidate = {a + i * Math.ulp(a), b};
            BigDecimal kl = new Oracle(u).klDivergence(candidate);
            if (kl.compareTo(low) > 0 && kl.compareTo(high) < 0) {
                p = candidate;
                exact = kl;
            }
        }
        assertThat(p).isNotNull();
        double kl = SoftmaxCrossEntropy.klDivergence(p, u);
        assertThat(kl).isNegative();
        assertThat(new BigDecimal(kl).subtract(exact).abs().doubleValue())
                .isLessThanOrEqualTo(2 * Oracle.ulpOf(exact) + 0x1p-55 * (p[0] + p[1]));
    }

    /**
     * At half scale (a logit whose shift overflows, here under the weight {@code Double.MIN_VALUE}, adding
     * about 1e-15) the logarithms are halved and the result doubled: with two tied maxima the result is about
     * {@code p_0 log(2 p_0) + p_1 log(2 p_1)}, so each logarithm and its low part must be scaled exactly,
     * within 2 ulps plus {@code 2^-55 sum(p)}.
     */
    @Test
    void klAtHalfScaleScalesEveryLogarithm() {
        double[] u = {1e308, 1e308, -1e308};
        for (double p0 : new double[] {0.7, 0.6, 0.9, 0.55, 0.8, 0.65, 0.95, 0.75}) {
            double[] p = {p0, 1 - p0, Double.MIN_VALUE};
            BigDecimal exact = new Oracle(u).klDivergence(p);
            double kl = SoftmaxCrossEntropy.klDivergence(p, u);
            assertThat(new BigDecimal(kl).subtract(exact).abs().doubleValue()).as("p_0 = %s", p0)
                    .isLessThanOrEqualTo(2 * Oracle.ulpOf(exact) + 0x1p-55 * (p[0] + p[1]));
        }
    }

    @Test
    void klIsTheLossMinusTheTargetsEntropy() {
        double[] u = {2.0, -1.0, 0.5, 3.0};
        double[] p = {0.1, 0.2, 0.3, 0.4};
        double entropyOfP = 0;
        for (double x : p) {
            entropyOfP -= x * Math.log(x);
        }
        double kl = SoftmaxCrossEntropy.klDivergence(p, u);
        assertThat(kl).isCloseTo(SoftmaxCrossEntropy.value(p, u) - entropyOfP,
                org.assertj.core.data.Offset.offset(1e-15));
        // KL(S(u) || S(u)) = 0: p = S(u) rounded is within the error bound of 0
        double[] s = Softmax.of(u);
        assertThat(SoftmaxCrossEntropy.klDivergence(s, u)).isBetween(0.0, 1e-15);
        // the loss and H(p) both near 10.4, KL near 0.3: within 2 ulps plus 2^-55 absolute
        double[] u2 = {0, -30};
        double[] p2 = {0.75, 0.25};
        BigDecimal exact = new Oracle(u2).klDivergence(p2);
        assertThat(new BigDecimal(SoftmaxCrossEntropy.klDivergence(p2, u2)).subtract(exact).abs().doubleValue())
                .isLessThanOrEqualTo(2 * Oracle.ulpOf(exact) + 0x1p-55);
    }

    @Test
    void specialCases() {
        assertThat(Softmax.entropy(new double[] {1.5})).isEqualTo(0.0);
        assertThat(Softmax.entropy(new double[] {3, 3, 3, 3})).isEqualTo(Math.log(4));
        assertThat(Softmax.entropy(new double[] {0, Double.NaN})).isNaN();
        assertThat(Softmax.entropy(new double[] {Double.POSITIVE_INFINITY, 0, Double.POSITIVE_INFINITY}))
                .isEqualTo(Math.log(2));
        assertThat(Softmax.entropy(new double[] {Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY})).isEqualTo(0.0);
        assertThat(Softmax.entropy(new double[] {0, Double.NEGATIVE_INFINITY, 0})).isEqualTo(Math.log(2));
        // a confident softmax: H = (1 + 40) exp(-40) to first order, not 0
        Exact.assertUlps(Softmax.entropy(new double[] {40, 0}), new Oracle(new double[] {40, 0}).entropy().toString(), 2);

        double[] u = {0, 1, Double.NEGATIVE_INFINITY};
        assertThat(SoftmaxCrossEntropy.klDivergence(new double[] {0.5, 0.5, 0}, u)).isPositive().isFinite();
        assertThat(SoftmaxCrossEntropy.klDivergence(new double[] {0.5, 0.25, 0.25}, u))
                .isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(SoftmaxCrossEntropy.klDivergence(new double[] {0.5, 0.5, 0}, new double[] {0, Double.NaN, 1}))
                .isNaN();
        double[] inf = {Double.POSITIVE_INFINITY, 0, Double.POSITIVE_INFINITY};
        assertThat(SoftmaxCrossEntropy.klDivergence(new double[] {0.5, 0, 0.5}, inf)).isEqualTo(0.0);
        assertThat(SoftmaxCrossEntropy.klDivergence(new double[] {0.5, 0.1, 0.4}, inf))
                .isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(SoftmaxCrossEntropy.klDivergence(new double[] {0, 0, 0}, u)).isEqualTo(0.0);
        // u_1 - u_0 = -1.9e308 overflows, the result 0.25 log 0.25 + 0.75 (log 0.75 + 1.9e308) does not
        BigDecimal huge = new BigDecimal(1e308).add(new BigDecimal(0.9e308)).multiply(new BigDecimal("0.75"))
                .add(new BigDecimal(0.25 * Math.log(0.25) + 0.75 * Math.log(0.75)));
        assertThat(new BigDecimal(SoftmaxCrossEntropy.klDivergence(new double[] {0.25, 0.75}, new double[] {1e308, -0.9e308}))
                .subtract(huge).abs().doubleValue()).isLessThanOrEqualTo(2 * Math.ulp(1.425e308));
    }

    @Test
    void invalidArguments() {
        assertThatThrownBy(() -> Softmax.entropy(new double[0])).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("u must not be empty: there is no distribution over zero classes");
        assertThatThrownBy(() -> SoftmaxCrossEntropy.klDivergence(new double[] {0.5, -0.5}, new double[2]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("target[1] is -0.5 but must be finite and non-negative");
        assertThatThrownBy(() -> SoftmaxCrossEntropy.klDivergence(new double[] {Double.NaN, 1}, new double[2]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("target[0] is NaN but must be finite and non-negative");
        assertThatThrownBy(() -> SoftmaxCrossEntropy.klDivergence(new double[] {1}, new double[2]))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("target has length 1 but logits has length 2");
    }
}
