package io.github.softmax4j.internal;

import java.util.Arrays;

/**
 * The portable kernel: plain loops over a table-driven exponential ({@link Exp}), with every error-prone
 * step made exact or compensated. For a finite maximum {@code m = u_k} (k the first index where it is
 * reached):
 * <ul>
 *   <li>the shift {@code d_j = u_j - m} is rounded, and its exact error {@code e_j} (TwoSum) is carried into
 *       the exponential's reduced argument, so each term is {@code exp(d_j + e_j)} within about 0.51 ulp;
 *   <li>{@code s = sum_{j != k} exp(d_j + e_j)} is summed with compensation (TwoSum per term); every term is
 *       in [0, 1], so nothing cancels and the sum is accurate to about one rounding of each term;
 *   <li>{@code L = log1p(s)} is a double-double ({@link Logarithm}), so {@code LSE = m + L} and the loss lose
 *       at most the final rounding to it; {@code log S_j = d_j - L} is one addition of two terms of the same
 *       sign, within 1.5 ulps ({@link #logSoftmax}).
 * </ul>
 */
public class ScalarKernel implements SoftmaxKernel {

    /** The single instance. */
    public static final ScalarKernel INSTANCE = new ScalarKernel();

    /**
     * The passes over the arrays are instance methods that a faster kernel may override; the arithmetic that
     * combines their results is shared here.
     */
    ScalarKernel() {}

    @Override
    public String toString() {
        return "scalar kernel";
    }

    /**
     * Index (relative to {@code off}) of the first maximum of {@code u[off, off + n)}, or -1 when no entry
     * exceeds {@code -inf} (every entry is {@code -inf} or NaN, or {@code n == 0}). NaNs are skipped here;
     * they reach every output through the sum (finite maximum) or through {@link Special}.
     */
    int argMax(double[] u, int off, int n) {
        int k = -1;
        double m = Double.NEGATIVE_INFINITY;
        for (int j = 0; j < n; j++) {
            double x = u[off + j];
            if (x > m) {
                m = x;
                k = j;
            }
        }
        return k;
    }

    /**
     * Sets {@code w.sum} to {@code s = sum_{j != k} exp(u_j - m)} over {@code u[off, off + n)} and returns it,
     * and stores each term {@code t_j} in {@code out} when it is not null ({@code out[outOff + k]} is left
     * alone). {@code m = u[off + k]} is finite. Each entry is read before it is written, so {@code out == u}
     * is safe.
     */
    DoubleDouble expSum(double[] u, int off, int n, int k, double m, double[] out, int outOff, Workspace w) {
        return expSum(u, off, n, k, m, out, outOff, false, w);
    }

    /**
     * {@link #expSum(double[], int, int, int, double, double[], int, Workspace)}, storing in {@code out}
     * (not null) the rounded shift {@code u_j - m} of every entry instead of its term ({@code 0} at
     * {@code k}) when {@code shifts} is set.
     */
    DoubleDouble expSum(double[] u, int off, int n, int k, double m, double[] out, int outOff, boolean shifts,
            Workspace w) {
        double negM = -m;
        double hi = 0;
        double lo = 0;
        for (int part = 0; part < 2; part++) {
            int begin = part == 0 ? 0 : k + 1;
            int end = part == 0 ? k : n;
            for (int j = begin; j < end; j++) {
                double x = u[off + j];
                double d = x + negM;
                // the shift's rounding error goes into the exponential's reduced argument
                double t = Exp.exp(d, ErrorFree.twoSumError(x, negM, d));
                double h = hi + t;
                lo += ErrorFree.twoSumError(hi, t, h);
                hi = h;
                if (out != null) {
                    out[outOff + j] = shifts ? d : t;
                }
            }
        }
        if (shifts) {
            out[outOff + k] = 0.0;
        }
        return w.sum.set(hi, lo);
    }

    @Override
    public double logSumExp(double[] u, int from, int to) {
        int n = to - from;
        int k = argMax(u, from, n);
        if (k < 0 || u[from + k] == Double.POSITIVE_INFINITY) {
            return Special.logSumExp(u, from, n);
        }
        double m = u[from + k];
        Workspace w = Workspace.get();
        DoubleDouble s = expSum(u, from, n, k, m, null, 0, w);
        double r = addLog(m, 0.0, s, w.log);
        return needsCorrectedTerms(m, r, s) ? addLog(m, 0.0, correctedExpSum(u, from, n, k, m, w), w.log) : r;
    }

    /**
     * Whether the error of the exponentials in the terms of {@code s} could push {@code r = m + log1p(s)}
     * past 1 ulp. Each term is within about 2^-53 relative, which moves {@code log1p(s)} by at most
     * {@code 2^-53 w}, {@code w = s / (1 + s)}; half an ulp of the scale {@code c} the contract measures
     * against ({@code |r|}, or {@code |m|} when the result cancels) is at least {@code 2^-54 c}. So the terms
     * are good enough when {@code w <= c / 2}; otherwise (a result below about 2, or a cancelling one) the
     * terms are recomputed with {@link #correctedExpSum}.
     */
    static boolean needsCorrectedTerms(double m, double r, DoubleDouble s) {
        double c = Math.abs(r) < -m / 2 ? -m : Math.abs(r); // never cancelling for m >= 0
        double w = s.hi / (1.0 + s.hi);
        return 2 * w > c;
    }

    /**
     * {@link #expSum}, into {@code w.sum}, with each {@code t = exp(d)} corrected by its measured error:
     * {@code exp(d + e) = t exp(rho)} with {@code rho = d + e - log(t)} exactly, and {@code log(t)} a
     * double-double, so every term is within about 2^-57 relative instead of half an ulp. About four times the cost
     * of {@link #expSum}, paid only where {@link #needsCorrectedTerms} asks for it.
     */
    static DoubleDouble correctedExpSum(double[] u, int off, int n, int k, double m, Workspace w) {
        double negM = -m;
        double hi = 0;
        double lo = 0;
        for (int j = 0; j < n; j++) {
            if (j == k) {
                continue;
            }
            double x = u[off + j];
            double d = x + negM;
            double t = Exp.exp(d, 0.0);
            double corr = Exp.correction(t, d, ErrorFree.twoSumError(x, negM, d), w.term);
            double h = hi + t;
            lo += ErrorFree.twoSumError(hi, t, h) + corr;
            hi = h;
        }
        return w.sum.set(hi, lo);
    }

    /**
     * Returns {@code a + al + log1p(s)} rounded once, with {@code log} to work in. Callers pass {@code a} and {@code log1p(s)} of the same
     * sign (or a cancelling LSE, whose contract is relative to {@code |m|}).
     */
    static double addLog(double a, double al, DoubleDouble s, DoubleDouble log) {
        Logarithm.log1p(s, log);
        return DoubleDouble.add(a, al, log.hi, log.lo);
    }

    @Override
    public void softmax(double[] u, int uOff, double[] out, int outOff, int n) {
        int k = argMax(u, uOff, n);
        if (k < 0 || u[uOff + k] == Double.POSITIVE_INFINITY) {
            Special.softmax(u, uOff, out, outOff, n);
            return;
        }
        Workspace w = Workspace.get();
        DoubleDouble s = expSum(u, uOff, n, k, u[uOff + k], out, outOff, w);
        out[outOff + k] = 1.0;
        scale(out, outOff, n, inverseOfOnePlus(s, w.inverse));
    }

    /** Sets {@code out} to {@code 1 / (1 + s)} and returns it. */
    static DoubleDouble inverseOfOnePlus(DoubleDouble s, DoubleDouble out) {
        double h = 1.0 + s.hi;
        return out.set(h, ErrorFree.twoSumError(1.0, s.hi, h) + s.lo).reciprocal(out);
    }

    /**
     * Multiplies {@code x[off, off + n)} by {@code c}: one rounding per entry, the low part of {@code c} added
     * inside the fused multiply-add.
     */
    void scale(double[] x, int off, int n, DoubleDouble c) {
        double ch = c.hi;
        double cl = c.lo;
        for (int j = off; j < off + n; j++) {
            double t = x[j];
            x[j] = Math.fma(t, ch, t * cl);
        }
    }

    @Override
    public void logSoftmax(double[] u, int uOff, double[] out, int outOff, int n) {
        int k = argMax(u, uOff, n);
        if (k < 0 || u[uOff + k] == Double.POSITIVE_INFINITY) {
            Special.logSoftmax(u, uOff, out, outOff, n);
            return;
        }
        double m = u[uOff + k];
        Workspace w = Workspace.get();
        DoubleDouble s = expSum(u, uOff, n, k, m, out, outOff, true, w);
        add(out, outOff, n, -Logarithm.log1p(s, w.log).hi);
    }

    /**
     * Adds {@code c} to each entry of {@code x[off, off + n)}. For log-softmax, {@code x_j} is the rounded
     * shift {@code d_j = u_j - m <= 0} and {@code c = -log1p(s) <= 0}: the terms have the same sign, so the
     * result {@code log S_j} is at least as large as each, and the shift's rounding (half an ulp of
     * {@code d_j}), the logarithm's low part (half an ulp of {@code c}) and this rounding add up to at most
     * 1.5 ulps of it. An infinite shift (a {@code -inf} entry) stays the exact answer.
     */
    void add(double[] x, int off, int n, double c) {
        for (int j = off; j < off + n; j++) {
            x[j] += c;
        }
    }

    @Override
    public double crossEntropy(int label, double[] u, int uOff, double[] grad, int gOff, int n) {
        int k = argMax(u, uOff, n);
        if (k < 0 || u[uOff + k] == Double.POSITIVE_INFINITY) {
            return Special.crossEntropy(label, u, uOff, grad, gOff, n);
        }
        double m = u[uOff + k];
        double uy = u[uOff + label]; // read before grad (possibly u) is overwritten
        Workspace w = Workspace.get();
        DoubleDouble s = expSum(u, uOff, n, k, m, grad, gOff, w);
        // loss = (m - u_y) + log1p(s): two terms >= 0
        double gap = m - uy;
        // an infinite or NaN gap absorbs the finite log1p(s) (s < n): the sign of that term cannot show
        double loss = gap == Double.POSITIVE_INFINITY || gap != gap
                ? gap + Logarithm.log1p(s, w.log).hi
                : addLog(gap, ErrorFree.twoSumError(m, -uy, gap), s, w.log);
        if (grad != null) {
            DoubleDouble inv = inverseOfOnePlus(s, w.inverse);
            double ty = label == k ? 1.0 : grad[gOff + label];
            grad[gOff + k] = 1.0;
            scale(grad, gOff, n, inv);
            if (label == k) {
                // S_k - 1 = -s / (1 + s), without cancellation; +0.0 (not -0.0) when s == 0
                grad[gOff + k] = 0.0 - s.times(inv, w.product).hi;
            } else {
                // S_y - 1 with S_y = t_y / (1 + s) <= 1/2 as a double-double: one rounding, no cancellation
                double ph = ty * inv.hi;
                grad[gOff + label] = DoubleDouble.add(-1.0, 0.0, ph, Math.fma(ty, inv.hi, -ph) + ty * inv.lo);
            }
        }
        return loss;
    }

    @Override
    public double crossEntropy(double[] p, int pOff, double[] u, int uOff, double[] grad, int gOff, int n) {
        int k = argMax(u, uOff, n);
        if (k < 0 || u[uOff + k] == Double.POSITIVE_INFINITY) {
            return Special.crossEntropy(p, pOff, u, uOff, grad, gOff, n);
        }
        double m = u[uOff + k];
        Workspace w = Workspace.get();
        // sum(p) and sum_j p_j (m - u_j): in the exponential pass when the gradient does not overwrite u,
        // before it otherwise
        double scale = 1.0;
        DoubleDouble s = null;
        DoubleDouble gaps;
        if (grad != u) {
            gaps = expSumAndGaps(p, pOff, u, uOff, n, k, m, grad, gOff, w) ? w.gaps : null;
            s = w.sum;
        } else {
            gaps = weightedGaps(p, pOff, u, uOff, n, m, scale, w);
        }
        if (gaps == null) {
            // some m - u_j overflows although u_j is finite: the exact loss may still be finite, so work at
            // half scale (exact for such large m and u_j) and double at the end
            scale = 0.5;
            gaps = weightedGaps(p, pOff, u, uOff, n, m, scale, w);
        }
        DoubleDouble pSum = w.weight;
        if (!Double.isFinite(pSum.hi)) {
            if (grad != null) {
                Arrays.fill(grad, gOff, gOff + n, Double.NaN);
            }
            return Double.NaN;
        }
        double pk = p[pOff + k];
        if (s == null) {
            s = expSum(u, uOff, n, k, m, grad, gOff, w);
        }
        DoubleDouble log = Logarithm.log1p(s, w.log);
        double loss;
        if (!Double.isFinite(gaps.hi)) {
            // a positive weight on a -inf logit: +inf (NaN for weights of both signs, or a NaN logit)
            loss = gaps.hi + pSum.hi * log.hi;
        } else {
            // sum(p) log1p(s) + sum_j p_j (m - u_j): two terms >= 0 for p >= 0
            // exact: a power of two (the weight's sum is finite, and at half scale far from subnormal)
            DoubleDouble pl = w.product.set(pSum.hi * scale, pSum.lo * scale).times(log, w.product);
            loss = DoubleDouble.add(gaps.hi, gaps.lo, pl.hi, pl.lo) / scale;
        }
        if (grad != null) {
            DoubleDouble inv = inverseOfOnePlus(s, w.inverse);
            DoubleDouble c = pSum.times(inv, w.product); // sum(p) / (1 + s)
            scaleMinus(grad, gOff, p, pOff, n, c);
            // sum(p) S_k - p_k = (sum_{j != k} p_j - p_k s) / (1 + s): the cancellation left is inherent
            double qh = pSum.hi - pk;
            double ql = ErrorFree.twoSumError(pSum.hi, -pk, qh) + pSum.lo;
            double num = Math.fma(-pk, s.hi, qh) + (ql - pk * s.lo);
            // p_k s may overflow where the result does not (weights near the largest double): then
            // c - p_k, the double-double c rounded once with p_k, at half scale (exact here), where the
            // intermediate sums of TwoSum cannot overflow as they may for terms of opposite signs near MAX_VALUE
            grad[gOff + k] = Double.isFinite(num) ? Math.fma(num, inv.hi, num * inv.lo)
                    : 2 * DoubleDouble.add(0.5 * c.hi, 0.5 * c.lo, -0.5 * pk, 0.0);
        }
        return loss;
    }

    /**
     * {@link #expSum} into {@code w.sum} (terms to {@code grad} when it is not null, which is not {@code u})
     * and, in the same pass, {@link #weightedGaps} at scale 1 into {@code w.gaps} and {@code w.weight}, whose
     * shifts {@code m - u_j = -(d_j + e_j)} are already at hand. Returns false, the gaps unfinished, if some
     * {@code m - u_j} overflows with {@code u_j} finite.
     */
    boolean expSumAndGaps(double[] p, int pOff, double[] u, int uOff, int n, int k, double m, double[] grad,
            int gOff, Workspace w) {
        double negM = -m;
        double hi = 0;
        double lo = 0;
        double gh = 0;
        double gl = 0;
        double wh = 0;
        double wl = 0;
        double masked = 0;
        boolean overflow = false;
        for (int part = 0; part < 2; part++) {
            int begin = part == 0 ? 0 : k + 1;
            int end = part == 0 ? k : n;
            if (part == 1) {
                // p_k in its place, so that the weights are summed in the order weightedGaps sums them (its gap
                // is 0)
                double pk = p[pOff + k];
                double ws = wh + pk;
                wl += ErrorFree.twoSumError(wh, pk, ws);
                wh = ws;
            }
            for (int j = begin; j < end; j++) {
                double x = u[uOff + j];
                double d = x + negM;
                double e = ErrorFree.twoSumError(x, negM, d);
                double t = Exp.exp(d, e);
                double h = hi + t;
                lo += ErrorFree.twoSumError(hi, t, h);
                hi = h;
                if (grad != null) {
                    grad[gOff + j] = t;
                }
                double pj = p[pOff + j];
                double ws = wh + pj;
                wl += ErrorFree.twoSumError(wh, pj, ws);
                wh = ws;
                if (pj == 0) {
                    continue; // 0 log 0 = 0, also for u_j = -inf
                }
                if (d == Double.NEGATIVE_INFINITY) {
                    if (x == Double.NEGATIVE_INFINITY) {
                        masked += pj * Double.POSITIVE_INFINITY;
                    } else {
                        overflow = true;
                    }
                    continue;
                }
                // p_j (m - u_j) = -p_j (d + e), exactly as a double-double by the fused multiply-add
                double ph = -pj * d;
                double pl = Math.fma(-pj, d, -ph) - pj * e;
                double g = gh + ph;
                gl += ErrorFree.twoSumError(gh, ph, g) + pl;
                gh = g;
            }
        }
        w.sum.set(hi, lo);
        if (overflow) {
            return false;
        }
        finishGaps(wh, wl, masked, gh, gl, w);
        return true;
    }

    /**
     * Sets {@code w.weight} to the weights' sum {@code (wh, wl)} and {@code w.gaps} to the weighted gaps'
     * {@code (gh, gl)}, or to {@code masked} when a positive weight sits on a {@code -inf} logit, and returns
     * {@code w.gaps}. A term that overflows makes a sum infinite (and its error terms NaN): for {@code p >= 0}
     * the exact loss, at least that term, overflows too.
     */
    static DoubleDouble finishGaps(double wh, double wl, double masked, double gh, double gl, Workspace w) {
        w.weight.set(wh, Double.isFinite(wh) ? wl : 0.0);
        if (masked != 0 || masked != masked) {
            return w.gaps.set(masked, 0.0);
        }
        return w.gaps.set(gh, Double.isFinite(gh) ? gl : 0.0);
    }

    /**
     * Replaces each {@code t_j} in {@code x[off, off + n)} by {@code c t_j - p_j}: one rounding, the low part
     * of {@code c} added inside the fused multiply-add.
     */
    void scaleMinus(double[] x, int off, double[] p, int pOff, int n, DoubleDouble c) {
        double ch = c.hi;
        double cl = c.lo;
        for (int j = 0; j < n; j++) {
            double t = x[off + j];
            x[off + j] = Math.fma(ch, t, cl * t - p[pOff + j]);
        }
    }

    /**
     * Sets {@code w.gaps} to {@code sum_j p_j (scale m - scale u_j)} and returns it, and {@code w.weight} to
     * {@code sum_j p_j}, both compensated, each product exact by the fused multiply-add. Terms with
     * {@code p_j == 0} are skipped (0 log 0 = 0, also for {@code u_j = -inf}); a positive weight on a
     * {@code -inf} logit gives a {@code +inf} high part. Returns null, with both unfinished, if some
     * {@code scale (m - u_j)} overflows with {@code u_j} finite.
     */
    DoubleDouble weightedGaps(double[] p, int pOff, double[] u, int uOff, int n, double m, double scale, Workspace w) {
        double sm = m * scale;
        double hi = 0;
        double lo = 0;
        double wh = 0;
        double wl = 0;
        double masked = 0;
        for (int j = 0; j < n; j++) {
            double pj = p[pOff + j];
            double ws = wh + pj;
            wl += ErrorFree.twoSumError(wh, pj, ws);
            wh = ws;
            if (pj == 0) {
                continue;
            }
            double x = u[uOff + j];
            double nx = -(x * scale);
            double a = sm + nx;
            if (a == Double.POSITIVE_INFINITY) {
                if (x == Double.NEGATIVE_INFINITY) {
                    masked += pj * a;
                    continue;
                }
                return null;
            }
            double ae = ErrorFree.twoSumError(sm, nx, a);
            double ph = pj * a;
            double pl = Math.fma(pj, a, -ph) + pj * ae;
            double h = hi + ph;
            lo += ErrorFree.twoSumError(hi, ph, h) + pl;
            hi = h;
        }
        return finishGaps(wh, wl, masked, hi, lo, w);
    }
}
