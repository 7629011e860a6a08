package io.github.softmax4j;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.softmax4j.Cases.Case;
import io.github.softmax4j.Cases.Regime;
import java.math.BigDecimal;
import java.util.SplittableRandom;
import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Identities the exact functions satisfy, checked on the computed ones within their ulp bounds. */
class IdentitiesTest {
    static final Regime[] FINITE = {
        Regime.ORDINARY, Regime.CONFIDENT, Regime.WIDE, Regime.TIES, Regime.CANCELLING, Regime.TINY, Regime.HUGE,
    };

    static LongStream seeds() {
        return Cases.seeds(400);
    }

    static BigDecimal exactSum(double[] x) {
        BigDecimal s = BigDecimal.ZERO;
        for (double v : x) {
            s = s.add(new BigDecimal(v));
        }
        return s;
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void softmaxSumsToOneWithinKUlps(long seed) {
        Case c = Cases.of(seed, FINITE, 1000);
        BigDecimal error = exactSum(Softmax.of(c.u())).subtract(BigDecimal.ONE).abs();
        assertThat(error.doubleValue()).as("%s", c).isLessThanOrEqualTo(c.u().length * Math.ulp(1.0));
    }

    /** Logits on a 2^-20 grid and integer shifts below 2^30 keep {@code u + c} exact, so the exact results agree. */
    @ParameterizedTest
    @MethodSource("seeds")
    void shiftInvariance(long seed) {
        Case c = Cases.of(seed, Cases.SMOOTH, 300);
        SplittableRandom r = new SplittableRandom(seed);
        double[] u = c.u().clone();
        double[] shifted = new double[u.length];
        double shift = r.nextInt(-(1 << 29), 1 << 29);
        for (int j = 0; j < u.length; j++) {
            u[j] = Math.rint(u[j] * 0x1p20) * 0x1p-20;
            shifted[j] = u[j] + shift;
        }
        double[] s = Softmax.of(u);
        double[] t = Softmax.of(shifted);
        for (int j = 0; j < u.length; j++) {
            // each within 3 ulps of the same exact value
            assertThat(Math.abs(s[j] - t[j])).as("S[%d]\n%s", j, c)
                    .isLessThanOrEqualTo(6 * Math.ulp(Math.max(s[j], t[j])) + 2 * u.length * Double.MIN_VALUE);
        }
        double m = u[Cases.argMax(u)];
        double lse = LogSumExp.of(u);
        double lseShifted = LogSumExp.of(shifted);
        BigDecimal gap = new BigDecimal(lseShifted).subtract(new BigDecimal(lse)).subtract(new BigDecimal(shift)).abs();
        double allowed = Math.ulp(Math.max(Math.abs(lse), Math.abs(m))) + Math.ulp(Math.abs(lseShifted) + Math.abs(m + shift));
        assertThat(gap.doubleValue()).as("LSE(u + c) - LSE(u) - c\n%s", c).isLessThanOrEqualTo(allowed);
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void permutationEquivariance(long seed) {
        Case c = Cases.of(seed, FINITE, 300);
        double[] u = c.u();
        int k = u.length;
        int[] perm = new SplittableRandom(seed).ints(0, Integer.MAX_VALUE).limit(k).toArray();
        Integer[] order = new Integer[k];
        for (int j = 0; j < k; j++) {
            order[j] = j;
        }
        java.util.Arrays.sort(order, (a, b) -> Integer.compare(perm[a], perm[b]));
        double[] v = new double[k];
        double[] q = new double[k];
        for (int j = 0; j < k; j++) {
            v[j] = u[order[j]];
            q[j] = c.p()[order[j]];
        }
        double[] s = Softmax.of(u);
        double[] sv = Softmax.of(v);
        double[] g = SoftmaxCrossEntropy.gradient(c.p(), u);
        double[] gv = SoftmaxCrossEntropy.gradient(q, v);
        for (int j = 0; j < k; j++) {
            double a = s[order[j]];
            assertThat(Math.abs(sv[j] - a)).as("S[%d]\n%s", j, c)
                    .isLessThanOrEqualTo(6 * Math.ulp(Math.max(a, sv[j])) + 2 * k * Double.MIN_VALUE);
        }
        double lse = LogSumExp.of(u);
        double m = u[Cases.argMax(u)];
        assertThat(Math.abs(LogSumExp.of(v) - lse)).as("LSE\n%s", c)
                .isLessThanOrEqualTo(2 * Math.ulp(Math.max(Math.abs(lse), Math.abs(m))) + 2 * Double.MIN_VALUE);
        double h = SoftmaxCrossEntropy.value(c.p(), u);
        double hv = SoftmaxCrossEntropy.value(q, v);
        if (Double.isInfinite(h)) {
            assertThat(hv).as("an overflowing loss\n%s", c).isEqualTo(h);
        } else {
            assertThat(Math.abs(hv - h)).as("loss\n%s", c).isLessThanOrEqualTo(4 * Math.ulp(h) + 4 * k * Double.MIN_VALUE);
        }
        double pSum = exactSum(c.p()).doubleValue();
        for (int j = 0; j < k; j++) {
            double scale = Math.max(Math.abs(pSum * s[order[j]]), Math.abs(q[j])) + Math.abs(gv[j]);
            assertThat(Math.abs(gv[j] - g[order[j]])).as("gradient[%d]\n%s", j, c)
                    .isLessThanOrEqualTo(6 * Math.ulp(scale) + 2 * k * Math.max(1, pSum) * Double.MIN_VALUE);
        }
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void logSumExpLiesBetweenTheMaximumAndTheMaximumPlusLogK(long seed) {
        Case c = Cases.of(seed, FINITE, 1000);
        double m = c.u()[Cases.argMax(c.u())];
        double lse = LogSumExp.of(c.u());
        assertThat(lse).as("%s", c).isGreaterThanOrEqualTo(m);
        // log K itself is rounded; LSE is within 1 ulp of an exact value <= m + log K
        BigDecimal upper = new BigDecimal(m).add(new BigDecimal(Math.log(c.u().length)))
                .add(new BigDecimal(Math.ulp(Math.log(c.u().length)) + Math.ulp(lse) + Math.ulp(m)));
        assertThat(new BigDecimal(lse)).as("%s", c).isLessThanOrEqualTo(upper);
    }

    /** h(u) >= H(p) for a probability vector p, with equality at u = log p (up to the rounding of log p). */
    @ParameterizedTest
    @MethodSource("seeds")
    void gibbsInequality(long seed) {
        Case c = Cases.of(seed, Cases.SMOOTH, 300);
        double[] p = c.p().clone();
        double total = exactSum(p).doubleValue();
        double[] logP = new double[p.length];
        double entropy = 0;
        for (int j = 0; j < p.length; j++) {
            p[j] /= total;
            logP[j] = Math.log(p[j]); // -inf where p_j = 0: a masked class with zero weight
            entropy -= p[j] == 0 ? 0 : p[j] * logP[j];
        }
        double slack = 8 * p.length * Math.ulp(Math.abs(entropy) + 1);
        assertThat(SoftmaxCrossEntropy.value(p, c.u())).as("h(u) >= H(p)\n%s", c)
                .isGreaterThanOrEqualTo(entropy - slack);
        assertThat(SoftmaxCrossEntropy.value(p, logP)).as("h(log p) = H(p)\n%s", c)
                .isCloseTo(entropy, org.assertj.core.data.Offset.offset(slack));
    }

    /** h((a + b) / 2) <= (h(a) + h(b)) / 2, up to the rounding of the midpoint and of the three values. */
    @ParameterizedTest
    @MethodSource("seeds")
    void lossIsConvexAlongSegments(long seed) {
        Case c = Cases.of(seed, Cases.SMOOTH, 300);
        double[] a = c.u();
        double[] b = Cases.logits(new SplittableRandom(seed + 1), c.regime(), a.length);
        double[] mid = new double[a.length];
        double moved = 0;
        for (int j = 0; j < a.length; j++) {
            mid[j] = a[j] / 2 + b[j] / 2;
            moved += Math.ulp(mid[j]);
        }
        double pSum = exactSum(c.p()).doubleValue();
        double ha = SoftmaxCrossEntropy.value(c.p(), a);
        double hb = SoftmaxCrossEntropy.value(c.p(), b);
        double hm = SoftmaxCrossEntropy.value(c.p(), mid);
        // |grad h| per coordinate <= sum(p) + p_j, so rounding the midpoint moves h by at most 2 sum(p) moved
        double slack = 2 * pSum * moved + 4 * Math.ulp(Math.max(Math.abs(ha), Math.abs(hb)) + Math.abs(hm));
        assertThat(hm).as("%s", c).isLessThanOrEqualTo(ha / 2 + hb / 2 + slack);
        int y = c.label();
        double la = SoftmaxCrossEntropy.value(y, a);
        double lb = SoftmaxCrossEntropy.value(y, b);
        double lm = SoftmaxCrossEntropy.value(y, mid);
        assertThat(lm).as("label %s", c).isLessThanOrEqualTo(la / 2 + lb / 2 + 2 * moved
                + 4 * Math.ulp(Math.max(Math.abs(la), Math.abs(lb)) + Math.abs(lm)));
    }

    /** sum_j (sum(p) S_j - p_j) = 0 for any weights, since the softmax sums to 1. */
    @ParameterizedTest
    @MethodSource("seeds")
    void gradientSumsToZero(long seed) {
        Case c = Cases.of(seed, FINITE, 1000);
        double[] g = SoftmaxCrossEntropy.gradient(c.p(), c.u());
        double[] s = Softmax.of(c.u());
        double pSum = exactSum(c.p()).doubleValue();
        double allowed = 0;
        for (int j = 0; j < g.length; j++) {
            allowed += 3 * Math.ulp(Math.max(Math.abs(pSum * s[j]), Math.abs(c.p()[j])) * 2);
        }
        allowed += g.length * Math.max(1, pSum) * g.length * Double.MIN_VALUE;
        assertThat(exactSum(g).abs().doubleValue()).as("%s", c).isLessThanOrEqualTo(allowed);
        double[] gy = SoftmaxCrossEntropy.gradient(c.label(), c.u());
        double allowedY = 0;
        for (int j = 0; j < g.length; j++) {
            allowedY += 3 * Math.ulp(Math.abs(gy[j]) * 2) + g.length * Double.MIN_VALUE;
        }
        assertThat(exactSum(gy).abs().doubleValue()).as("label %s", c).isLessThanOrEqualTo(allowedY);
    }
}
