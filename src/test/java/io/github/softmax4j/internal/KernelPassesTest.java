package io.github.softmax4j.internal;

import static org.assertj.core.api.Assertions.assertThat;

import ch.obermuhlner.math.big.BigDecimalMath;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The kernels' passes at their own precision, finer than the public contract: each compensated sum against
 * the exact sum of the same terms (within the compensated-summation bound {@code gamma_n^2 sum |t_j|}, far
 * below one rounding), each corrected or double-double result within the bound stated in its comment. A
 * lost or sign-flipped error term costs about 2^-53 relative and fails here even where it stays inside the
 * public methods' ulp bounds.
 */
class KernelPassesTest {
    private static final MathContext MC = new MathContext(60);
    private static final int[] LENGTHS = {3, 17, 40, 600, 1500};

    /** The scalar kernel, and the vector kernel too when this run uses it. */
    private static List<ScalarKernel> kernels() {
        List<ScalarKernel> kernels = new ArrayList<>();
        kernels.add(ScalarKernel.INSTANCE);
        if (Kernels.get() != ScalarKernel.INSTANCE) {
            kernels.add((ScalarKernel) Kernels.get());
        }
        return kernels;
    }

    private static BigDecimal exact(double x) {
        return new BigDecimal(x);
    }

    private static BigDecimal exact(DoubleDouble x) {
        return new BigDecimal(x.hi).add(new BigDecimal(x.lo));
    }

    /** {@code gamma_n^2 = (n eps / (1 - n eps))^2}, eps = 2^-53: compensated summation's second-order bound. */
    private static double gammaSquared(int n) {
        double g = n * 0x1p-53 / (1 - n * 0x1p-53);
        return g * g;
    }

    /** Logits of mixed magnitudes and signs, so that shifts {@code u_j - m} round. */
    private static double[] logits(SplittableRandom r, int n) {
        double[] u = new double[n];
        double centre = r.nextBoolean() ? r.nextDouble(-1e3, 1e3) : r.nextDouble(-3, 3);
        for (int j = 0; j < n; j++) {
            u[j] = centre + r.nextDouble(-25, 5) * (r.nextInt(4) == 0 ? 0.01 : 1);
        }
        return u;
    }

    @Test
    void expSumIsTheCompensatedSumOfItsTerms() {
        SplittableRandom r = new SplittableRandom(11);
        Workspace w = Workspace.get();
        for (ScalarKernel kernel : kernels()) {
            for (int n : LENGTHS) {
                for (int rep = 0; rep < 4; rep++) {
                    double[] u = logits(r, n);
                    int k = kernel.argMax(u, 0, n);
                    double[] terms = new double[n];
                    DoubleDouble s = kernel.expSum(u, 0, n, k, u[k], terms, 0, w);
                    BigDecimal sum = BigDecimal.ZERO;
                    for (int j = 0; j < n; j++) {
                        if (j != k) {
                            sum = sum.add(exact(terms[j]));
                        }
                    }
                    double error = exact(s).subtract(sum).abs().doubleValue();
                    assertThat(error).as("%s, n = %d", kernel, n).isLessThanOrEqualTo(gammaSquared(n) * sum.doubleValue());
                }
            }
        }
    }

    @Test
    void correctedTermsAreWithin2ToTheMinus56() {
        SplittableRandom r = new SplittableRandom(12);
        Workspace w = Workspace.get();
        for (int n : LENGTHS) {
            for (int rep = 0; rep < 3; rep++) {
                double[] u = logits(r, n);
                int k = ScalarKernel.INSTANCE.argMax(u, 0, n);
                DoubleDouble s = ScalarKernel.correctedExpSum(u, 0, n, k, u[k], w);
                BigDecimal sum = BigDecimal.ZERO;
                for (int j = 0; j < n; j++) {
                    if (j != k) {
                        sum = sum.add(BigDecimalMath.exp(exact(u[j]).subtract(exact(u[k])), MC));
                    }
                }
                // each term within about 2^-57 relative, the sum's rounding far below
                assertThat(exact(s).subtract(sum).abs().doubleValue()).as("n = %d", n)
                        .isLessThanOrEqualTo(0x1p-56 * sum.doubleValue());
            }
        }
    }

    @Test
    void weightedGapsAndWeightSumAreCompensated() {
        SplittableRandom r = new SplittableRandom(13);
        Workspace w = Workspace.get();
        for (ScalarKernel kernel : kernels()) {
            for (int n : LENGTHS) {
                for (int rep = 0; rep < 4; rep++) {
                    double[] u = logits(r, n);
                    double[] p = new double[n];
                    for (int j = 0; j < n; j++) {
                        p[j] = r.nextInt(5) == 0 ? 0.0 : r.nextDouble() * Math.pow(2, r.nextInt(-8, 8));
                    }
                    double m = u[kernel.argMax(u, 0, n)];
                    DoubleDouble gaps = kernel.weightedGaps(p, 0, u, 0, n, m, 1.0, w);
                    BigDecimal gapSum = BigDecimal.ZERO;
                    BigDecimal weightSum = BigDecimal.ZERO;
                    for (int j = 0; j < n; j++) {
                        gapSum = gapSum.add(exact(p[j]).multiply(exact(m).subtract(exact(u[j]))));
                        weightSum = weightSum.add(exact(p[j]));
                    }
                    // every term is >= 0; each product p_j (m - u_j) is carried to about 2^-104 of itself
                    double bound = (gammaSquared(n) + 0x1p-100) * gapSum.doubleValue();
                    assertThat(exact(gaps).subtract(gapSum).abs().doubleValue()).as("%s, n = %d", kernel, n)
                            .isLessThanOrEqualTo(bound);
                    assertThat(exact(w.weight).subtract(weightSum).abs().doubleValue()).as("%s, n = %d", kernel, n)
                            .isLessThanOrEqualTo(gammaSquared(n) * weightSum.doubleValue());
                }
            }
        }
    }

    /**
     * The exponential pass that also sums the weighted gaps gives the bits of the two separate passes, with
     * masked entries, zero weights, and gaps that overflow (null, the terms written all the same).
     */
    @Test
    void fusedGapsAreTheSeparatePassesBitForBit() {
        SplittableRandom r = new SplittableRandom(18);
        for (ScalarKernel kernel : kernels()) {
            // 5003: ten chunks of the vector kernel and a tail
            for (int n : new int[] {3, 17, 40, 600, 1500, 5003}) {
                for (int rep = 0; rep < 6; rep++) {
                    double[] u = logits(r, n);
                    double[] p = new double[n];
                    for (int j = 0; j < n; j++) {
                        p[j] = r.nextInt(4) == 0 ? 0.0 : r.nextDouble();
                    }
                    int special = r.nextInt(n);
                    if (rep == 1) {
                        u[special] = Double.NEGATIVE_INFINITY; // masked, weight kept
                    } else if (rep == 2) {
                        u[special] = Double.NEGATIVE_INFINITY;
                        p[special] = 0;
                    } else if (rep == 3 && n > 1) {
                        u[special] = -Double.MAX_VALUE; // its gap overflows beside a positive maximum
                        u[(special + 1) % n] = Double.MAX_VALUE;
                    }
                    int k = kernel.argMax(u, 0, n);
                    double m = u[k];
                    Workspace w = Workspace.get();
                    double[] fusedTerms = new double[n];
                    boolean fused = kernel.expSumAndGaps(p, 0, u, 0, n, k, m, fusedTerms, 0, w);
                    double[] got = {w.sum.hi, w.sum.lo, w.gaps.hi, w.gaps.lo, w.weight.hi, w.weight.lo};
                    DoubleDouble gaps = kernel.weightedGaps(p, 0, u, 0, n, m, 1.0, w);
                    double[] want = {0, 0, w.gaps.hi, w.gaps.lo, w.weight.hi, w.weight.lo};
                    double[] terms = new double[n];
                    kernel.expSum(u, 0, n, k, m, terms, 0, w);
                    want[0] = w.sum.hi;
                    want[1] = w.sum.lo;
                    assertThat(terms).isEqualTo(fusedTerms);
                    if (gaps == null) {
                        assertThat(fused).isFalse();
                        assertThat(got[0]).isEqualTo(want[0]);
                        assertThat(got[1]).isEqualTo(want[1]);
                    } else {
                        assertThat(fused).isTrue();
                        assertThat(got).as("%s, n = %d, rep %d", kernel, n, rep).isEqualTo(want);
                    }
                }
            }
        }
    }

    /**
     * The fused pass sums the weights in the separate pass's order, the maximum's weight in its place: with
     * weights spread over 2^-120 to 1, the compensated sum's low part rounds, and another order would show
     * in its bits.
     */
    @Test
    void fusedWeightSumKeepsTheSeparateOrder() {
        SplittableRandom r = new SplittableRandom(31);
        Workspace w = Workspace.get();
        for (int rep = 0; rep < 2000; rep++) {
            int n = r.nextInt(3, 7);
            double[] u = new double[n];
            double[] p = new double[n];
            for (int j = 0; j < n; j++) {
                u[j] = -r.nextDouble(0, 3);
                p[j] = r.nextDouble() * Math.scalb(1.0, -r.nextInt(0, 120));
            }
            int k = r.nextInt(1, n);
            u[k] = 0.0;
            ScalarKernel.INSTANCE.expSumAndGaps(p, 0, u, 0, n, k, 0.0, null, 0, w);
            double[] fused = {w.weight.hi, w.weight.lo};
            ScalarKernel.INSTANCE.weightedGaps(p, 0, u, 0, n, 0.0, 1.0, w);
            assertThat(fused).as("rep %d", rep).isEqualTo(new double[] {w.weight.hi, w.weight.lo});
        }
    }

    /** The log-softmax pass stores the rounded shifts instead of the terms, and sums the same terms. */
    @Test
    void shiftsAreStoredAsRoundedAndTheSumIsUnchanged() {
        SplittableRandom r = new SplittableRandom(14);
        Workspace w = Workspace.get();
        for (ScalarKernel kernel : kernels()) {
            for (int n : LENGTHS) {
                for (int rep = 0; rep < 4; rep++) {
                    double[] u = logits(r, n);
                    u[r.nextInt(n)] = Double.NEGATIVE_INFINITY;
                    int k = kernel.argMax(u, 0, n);
                    double[] shifts = new double[n];
                    DoubleDouble s = kernel.expSum(u, 0, n, k, u[k], shifts, 0, true, w);
                    double hi = s.hi;
                    double lo = s.lo;
                    DoubleDouble t = kernel.expSum(u, 0, n, k, u[k], new double[n], 0, false, w);
                    assertThat(t.hi).isEqualTo(hi);
                    assertThat(t.lo).isEqualTo(lo);
                    for (int j = 0; j < n; j++) {
                        assertThat(shifts[j]).as("%s, n = %d, j = %d", kernel, n, j).isEqualTo(u[j] - u[k]);
                    }
                }
            }
        }
    }

    /**
     * The criterion for recomputing the terms, {@code 2 w > c} with {@code w = s / (1 + s)} and {@code c} the
     * contract's scale ({@code |m|} when {@code |r| < |m| / 2}, else {@code |r|}), at and around its edges.
     */
    @Test
    void correctedTermsAreAskedForExactlyWhereTheirErrorCouldShow() {
        // w = 1/2, c = 1: 2 w = c, on the good side
        assertThat(ScalarKernel.needsCorrectedTerms(0.3, 1.0, dd(1.0))).isFalse();
        assertThat(ScalarKernel.needsCorrectedTerms(0.3, Math.nextDown(1.0), dd(1.0))).isTrue();
        // |r| = |m| / 2 is not cancelling: c = |r| = 0.5 < 2 w = 2/3
        assertThat(ScalarKernel.needsCorrectedTerms(-1, -0.5, dd(0.5))).isTrue();
        // cancelling (|r| < |m| / 2): c = |m|
        assertThat(ScalarKernel.needsCorrectedTerms(-1, -0.3, dd(0.25))).isFalse();
        assertThat(ScalarKernel.needsCorrectedTerms(-3, -0.5, dd(11.18))).isFalse();
        assertThat(ScalarKernel.needsCorrectedTerms(-3, 0.2, dd(11.18))).isFalse();
        // a result below about 2 or a large w
        assertThat(ScalarKernel.needsCorrectedTerms(0, Math.log(2), dd(1.0))).isTrue();
        assertThat(ScalarKernel.needsCorrectedTerms(5, 5.01, dd(0.01))).isFalse();
        assertThat(ScalarKernel.needsCorrectedTerms(-40, -39.9, dd(0.1))).isFalse();
        assertThat(ScalarKernel.needsCorrectedTerms(0, 4.2e-18, dd(4.2e-18))).isTrue();
    }

    private static DoubleDouble dd(double x) {
        return new DoubleDouble().set(x, 0.0);
    }

    @Test
    void inverseOfOnePlusIsADoubleDoubleReciprocal() {
        SplittableRandom r = new SplittableRandom(15);
        DoubleDouble out = new DoubleDouble();
        for (int i = 0; i < 2000; i++) {
            double hi = r.nextDouble() * Math.pow(2, r.nextInt(-30, 30));
            DoubleDouble s = new DoubleDouble().set(hi, r.nextDouble(-0.5, 0.5) * Math.ulp(hi));
            BigDecimal want = BigDecimal.ONE.divide(BigDecimal.ONE.add(exact(s)), MC);
            ScalarKernel.inverseOfOnePlus(s, out);
            assertThat(exact(out).subtract(want).abs().doubleValue()).isLessThanOrEqualTo(0x1p-100 * want.doubleValue());
        }
    }

    /**
     * The state's sum against the exact {@code sum exp(x_j - max) - 1}: values added in random order with
     * growing maxima, merged with states of smaller, larger and equal maxima. Corrected terms are within
     * about 2^-57 each, rescalings within 2^-80 (1 + s).
     */
    @Test
    void streamingStateKeepsItsSumPrecise() {
        SplittableRandom r = new SplittableRandom(16);
        DoubleDouble s = new DoubleDouble();
        for (int rep = 0; rep < 60; rep++) {
            int parts = 1 + r.nextInt(4);
            LogSumExpState total = new LogSumExpState();
            List<Double> all = new ArrayList<>();
            // near 0, the differences between maxima round (from and to of different sizes or signs)
            double top = rep % 2 == 0 ? r.nextDouble(-50, 50) : r.nextDouble(-2, 2);
            for (int part = 0; part < parts; part++) {
                LogSumExpState state = new LogSumExpState();
                int n = 1 + r.nextInt(300);
                for (int j = 0; j < n; j++) {
                    // rising values make new maxima; every fourth part ends on the common top, so maxima tie
                    double x = j == n - 1 && part % 2 == 0 ? top : top - r.nextDouble(0, 30) + j * 1e-3 * r.nextDouble();
                    state.add(x);
                    all.add(x);
                }
                total.merge(state);
            }
            double max = total.max();
            BigDecimal want = BigDecimal.ONE.negate();
            for (double x : all) {
                want = want.add(BigDecimalMath.exp(exact(x).subtract(exact(max)), MC));
            }
            double sum = want.doubleValue();
            double error = exact(total.sum(s)).subtract(want).abs().doubleValue();
            assertThat(error).as("rep %d", rep).isLessThanOrEqualTo(0x1p-56 * sum + 0x1p-78 * (1 + sum));
        }
    }

    /**
     * A rise of the maximum from {@code 3 2^-56} to {@code 0.75}: their difference rounds by about 2^-54.4, which
     * the rescaling carries into the exponential's argument; without it the sum {@code exp(3 2^-56 - 0.75)}
     * would be that much off.
     */
    @Test
    void rescalingKeepsTheErrorOfTheMaximaDifference() {
        double[] firsts = {3 * 0x1p-56, -3 * 0x1p-56, 0x1.8p-30 + 0x1p-80, 5 * 0x1p-57};
        DoubleDouble s = new DoubleDouble();
        for (double first : firsts) {
            LogSumExpState state = new LogSumExpState();
            state.add(first);
            state.add(0.75);
            BigDecimal want = BigDecimalMath.exp(exact(first).subtract(exact(0.75)), MC);
            double error = exact(state.sum(s)).subtract(want).abs().doubleValue();
            assertThat(error).as("%s", first).isLessThanOrEqualTo(0x1p-56 * want.doubleValue() + 0x1p-78);
        }
    }

    /**
     * The entropy {@code log1p(s) + A / (1 + s)}, {@code A = sum_j t_j (m - u_j)}, against the same formula in
     * exact arithmetic over the terms {@code t_j} as the kernel computes them: the products {@code t_j (m - u_j)}
     * are exact and the two sums compensated, so what is left is the final rounding (half an ulp), the
     * logarithm's 2^-56 relative and the compensated sums' {@code gamma_n^2}. A lost error term costs about
     * 2^-53 of a term, an ulp where one term dominates.
     */
    @Test
    void entropyIsExactButForItsTermsAndOneRounding() {
        SplittableRandom r = new SplittableRandom(19);
        for (int rep = 0; rep < 3000; rep++) {
            int n = rep % 10 == 0 ? 1 + r.nextInt(600) : 2 + r.nextInt(4);
            double[] u = logits(r, n);
            int k = ScalarKernel.INSTANCE.argMax(u, 0, n);
            double m = u[k];
            BigDecimal sum = BigDecimal.ZERO;
            BigDecimal a = BigDecimal.ZERO;
            for (int j = 0; j < n; j++) {
                if (j == k) {
                    continue;
                }
                double d = u[j] + -m;
                double t = Exp.exp(d, ErrorFree.twoSumError(u[j], -m, d));
                sum = sum.add(exact(t));
                a = a.add(exact(t).multiply(exact(m).subtract(exact(u[j]))));
            }
            BigDecimal log = BigDecimalMath.log(BigDecimal.ONE.add(sum), MC);
            BigDecimal want = log.add(a.divide(BigDecimal.ONE.add(sum), MC));
            double h = Entropies.entropy(u);
            double bound = Math.ulp(want.doubleValue()) / 2 + 0x1p-56 * log.doubleValue()
                    + gammaSquared(n) * 4 * want.doubleValue();
            assertThat(exact(h).subtract(want).abs().doubleValue()).as("rep %d, n = %d", rep, n)
                    .isLessThanOrEqualTo(bound);
        }
    }

    /** Merging two states in either order gives the same bits, also when their maxima are equal. */
    @Test
    void mergeIsSymmetricForEqualMaxima() {
        SplittableRandom r = new SplittableRandom(17);
        for (int rep = 0; rep < 200; rep++) {
            double top = r.nextDouble(-5, 5);
            double[] xs = new double[2 + r.nextInt(50)];
            double[] ys = new double[2 + r.nextInt(50)];
            for (int j = 0; j < xs.length; j++) {
                xs[j] = top - r.nextDouble(0, 3);
            }
            for (int j = 0; j < ys.length; j++) {
                ys[j] = top - r.nextDouble(0, 3);
            }
            xs[r.nextInt(xs.length)] = top;
            ys[r.nextInt(ys.length)] = top;
            LogSumExpState a = state(xs);
            a.merge(state(ys));
            LogSumExpState b = state(ys);
            b.merge(state(xs));
            DoubleDouble sa = a.sum(new DoubleDouble());
            DoubleDouble sb = b.sum(new DoubleDouble());
            assertThat(sa.hi).isEqualTo(sb.hi);
            assertThat(sa.lo).isEqualTo(sb.lo);
            assertThat(a.value()).isEqualTo(b.value());
        }
    }

    private static LogSumExpState state(double[] xs) {
        LogSumExpState s = new LogSumExpState();
        for (double x : xs) {
            s.add(x);
        }
        return s;
    }
}
