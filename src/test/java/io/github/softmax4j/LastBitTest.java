package io.github.softmax4j;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Inputs for which every step but the last rounding is exact (ties, whose terms are exactly 1, weights of
 * few bits) or carries an error far below the result's ulp: the result is then known to the last bit, or
 * to well inside the public bound, and each test derives the bound it asserts. They show that the error
 * terms of the compensated steps do their work where the public ulp bounds leave room for them not to.
 */
class LastBitTest {

    private static double ulps(double computed, BigDecimal exact) {
        return Oracle.ulps(computed, exact);
    }

    /**
     * The label loss {@code (m - u_y) + log1p(s)} keeps the error of {@code m - u_y}. Here
     * {@code m - u_y = 40 + 2^-48 - 2^-60} rounds down to 40, half an ulp away, and {@code log1p(s)}, about
     * 2^-57.7, lifts the exact sum past the midpoint: the loss rounds up. {@code s} is below 2^-57, so its own
     * error is below 2^-110 and the loss is the exact value rounded once.
     */
    @Test
    void labelLossKeepsTheRoundingOfTheGap() {
        double[] u = {40, -(0x1p-48 - 0x1p-60)};
        BigDecimal exact = new Oracle(u).loss(1);
        double loss = SoftmaxCrossEntropy.value(1, u);
        assertThat(ulps(loss, exact)).isLessThanOrEqualTo(0.5);
        assertThat(loss).isEqualTo(40 + 0x1p-47);
        // the rounded gap plus the logarithm would round down
        assertThat((u[0] - u[1]) + Math.log1p(Math.exp(u[1] - u[0]))).isEqualTo(40.0);
        assertThat(ulps(SoftmaxCrossEntropy.valueAndGradient(1, u, new double[2]), exact)).isLessThanOrEqualTo(0.5);
    }

    /**
     * With the label on a later maximum, its term is exactly 1 and {@code s} an integer, so
     * {@code S_y - 1 = 1 / (1 + s) - 1} is computed from the double-double {@code 1 / (1 + s)} (2^-100) and
     * rounded once: within half an ulp (and the other entries, {@code 1 / (1 + s)} itself, too).
     */
    @Test
    void labelGradientOnATieIsRoundedOnce() {
        for (int n = 3; n <= 200; n++) {
            double[] u = new double[n];
            u[n - 1] = -1e300; // a zero term
            double[] grad = new double[n];
            SoftmaxCrossEntropy.valueAndGradient(1, u, grad);
            Oracle oracle = new Oracle(u);
            for (int j = 0; j < n; j++) {
                assertThat(ulps(grad[j], oracle.gradient(1, j))).as("n = %d, entry %d", n, j).isLessThanOrEqualTo(0.5);
            }
        }
    }

    /**
     * At the maximum the target gradient is {@code (sum_{j != k} p_j - p_k s) / (1 + s)}. For {@code u = (0, 0)}
     * ({@code s = 1}) and weights within a factor of 2 of each other it is {@code (p_1 - p_0) / 2}, exact, and
     * so is the computed entry, though {@code p_0 + p_1} rounds: the error terms of the weights' sum and of
     * the difference carry it. (The public bound, 3 ulps of {@code max(|sum(p) S_k|, |p_k|)}, is about
     * {@code 3 ulp(p_0)} here, and would allow 0.)
     */
    @Test
    void targetGradientAtTheMaximumIsExactForATie() {
        SplittableRandom r = new SplittableRandom(41);
        double[] u = {0, 0};
        double[] grad = new double[2];
        int rounded = 0;
        for (int rep = 0; rep < 2000; rep++) {
            double a = r.nextDouble(0.5, 2);
            double b = rep % 2 == 0 ? a * r.nextDouble(0.5, 2) : Math.nextUp(a) + r.nextInt(1, 16) * Math.ulp(a);
            double[] p = {a, b};
            if (new BigDecimal(a + b).compareTo(new BigDecimal(a).add(new BigDecimal(b))) != 0) {
                rounded++;
            }
            SoftmaxCrossEntropy.valueAndGradient(p, u, grad);
            assertThat(grad[0]).as("p = (%s, %s)", a, b).isEqualTo((b - a) / 2);
        }
        assertThat(rounded).isPositive();
        // and where p_k s overflows (four ties, weights near the largest double): c - p_k rounded once
        double[] u4 = {0, 0, 0, 0};
        for (int rep = 0; rep < 200; rep++) {
            double pk = r.nextDouble(0.6, 0.9) * Double.MAX_VALUE;
            double[] p = {pk, r.nextDouble(0, 0.1) * Double.MAX_VALUE, 0, 0};
            double[] g = new double[4];
            SoftmaxCrossEntropy.valueAndGradient(p, u4, g);
            BigDecimal exact = new Oracle(u4).gradient(Oracle.sum(p), p, 0);
            assertThat(ulps(g[0], exact)).as("p_k = %s", pk).isLessThanOrEqualTo(0.5);
        }
        // p_k = MAX_VALUE beside eight ties: c - p_k of opposite signs near MAX_VALUE, whose TwoSum at full
        // scale overflows (and gave NaN)
        double[] u9 = new double[9];
        for (double pk : new double[] {Double.MAX_VALUE, Math.nextDown(Double.MAX_VALUE), 0.99 * Double.MAX_VALUE}) {
            double[] p = new double[9];
            p[0] = pk;
            p[1] = 2.4e-110;
            double[] g = new double[9];
            SoftmaxCrossEntropy.valueAndGradient(p, u9, g);
            BigDecimal exact = new Oracle(u9).gradient(Oracle.sum(p), p, 0);
            assertThat(ulps(g[0], exact)).as("p_k = %s", pk).isLessThanOrEqualTo(0.5);
        }
    }

    /**
     * The same entry with {@code s = 1 + exp(-40)}: the low part of {@code s} (about 2^-57.7, exact to 2^-110)
     * weighs on {@code p_k s} where {@code p_1 - p_0} is a few ulps. Every input is exact and the numerator
     * rounds at most twice and the product once: within 2 ulps of the entry itself.
     */
    @Test
    void targetGradientAtTheMaximumKeepsTheLowPartOfTheSum() {
        SplittableRandom r = new SplittableRandom(43);
        double[] u = {0, 0, -40};
        double[] grad = new double[3];
        for (int rep = 0; rep < 500; rep++) {
            double a = r.nextDouble(0.5, 1);
            double b = a + r.nextInt(1, 64) * Math.ulp(a);
            double[] p = {a, b, 0};
            SoftmaxCrossEntropy.valueAndGradient(p, u, grad);
            BigDecimal exact = new Oracle(u).gradient(Oracle.sum(p), p, 0);
            assertThat(ulps(grad[0], exact)).as("p = (%s, %s)", a, b).isLessThanOrEqualTo(2);
        }
    }

    /**
     * At half scale (a gap that overflows, here under a weight of {@code Double.MIN_VALUE}), the loss is
     * {@code (sum(p) / 2) log1p(s) + ...} doubled. With two tied maxima {@code log1p(s) = log 2}, a weight sum
     * {@code 1 + 2^-53} whose low part is all of its second term, and every other step exact, the loss is within
     * half an ulp plus the logarithm's 2^-57 relative: 0.6 ulps.
     */
    @Test
    void targetLossAtHalfScaleKeepsTheWeightSumAndItsLowPart() {
        double[] u = {1e308, 1e308, -1e308};
        double[] p = {1, 0x1p-53, Double.MIN_VALUE};
        BigDecimal exact = new Oracle(u).loss(p);
        assertThat(ulps(SoftmaxCrossEntropy.value(p, u), exact)).isLessThanOrEqualTo(0.6);
        // a gap term of 2e8 beside log 2
        double[] p2 = {1, 1e-300, 0};
        double[] u2 = {1e308, -1e308, 1e308};
        assertThat(ulps(SoftmaxCrossEntropy.value(p2, u2), new Oracle(u2).loss(p2))).isLessThanOrEqualTo(0.6);
    }

    /**
     * A positive weight on a {@code -inf} logit makes the loss {@code +inf}, also when {@code sum(p) log1p(s)}
     * overflows; a negative one there makes it {@code -inf}, also when {@code s = 0}.
     */
    @Test
    void targetLossOnAMaskedLogitFollowsTheFormula() {
        double ninf = Double.NEGATIVE_INFINITY;
        assertThat(SoftmaxCrossEntropy.value(new double[] {1.7e308, 0, 0, 1}, new double[] {0, 0, 0, ninf}))
                .isEqualTo(Double.POSITIVE_INFINITY);
        // sum(p) LSE - <p, u> = 1 * 0 - (-1)(-inf)
        assertThat(SoftmaxCrossEntropy.value(new double[] {2, -1}, new double[] {0, ninf}))
                .isEqualTo(Double.NEGATIVE_INFINITY);
    }

    /**
     * A log-sum-exp below about 2 recomputes its terms to 2^-56 ({@code needsCorrectedTerms}): for
     * {@code u = (0, x)}, {@code x} in [-3, 0], the result {@code r = log1p(e^x)} is then within half an ulp
     * plus {@code 2^-56 w}, {@code w = s / (1 + s) <= r / 0.69}: 0.6 ulps. Terms within half an ulp would add up
     * to {@code 2^-53 w}, more than an ulp of {@code r} near its binades' lower ends.
     */
    @Test
    void logSumExpBelowTwoRecomputesItsTerms() {
        double worst = 0;
        for (int i = 0; i <= 3000; i++) {
            double[] u = {0, -3.0 * i / 3000};
            double r = LogSumExp.of(u);
            double error = ulps(r, new Oracle(u).logSumExp());
            assertThat(error).as("x = %s", u[1]).isLessThanOrEqualTo(0.6);
            worst = Math.max(worst, error);
        }
        assertThat(worst).isGreaterThan(0.4); // the grid reaches results near a midpoint
    }
}
