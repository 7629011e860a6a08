package io.github.softmax4j.internal;

/**
 * The entropy of the softmax and the Kullback-Leibler divergence from a target to it, each a sum of terms
 * computed in double-double, so that the only cancellation left is between terms of different sign.
 */
public final class Entropies {
    private Entropies() {}

    /**
     * Returns {@code H(S(u)) = log1p(s) + sum_j S_j (m - u_j)} for the maximum {@code m = u_k} and
     * {@code s = sum_{j != k} exp(u_j - m)}: two sums of non-negative terms, so nothing cancels. {@code u} is
     * not empty. NaN for a NaN entry; {@code log(c)} for {@code c} entries equal to {@code +inf}; 0 when
     * every entry is {@code -inf} (the softmax is then 0).
     */
    public static double entropy(double[] u) {
        int n = u.length;
        int k = -1;
        double m = Double.NEGATIVE_INFINITY;
        int posInf = 0;
        for (int j = 0; j < n; j++) {
            double x = u[j];
            if (x != x) {
                return Double.NaN;
            }
            if (x > m) {
                m = x;
                k = j;
            }
            if (x == Double.POSITIVE_INFINITY) {
                posInf++;
            }
        }
        if (posInf > 0) {
            return Math.log(posInf);
        }
        if (k < 0) {
            return 0.0;
        }
        Workspace w = Workspace.get();
        double negM = -m;
        double sh = 0;
        double sl = 0;
        double ah = 0;
        double al = 0;
        for (int j = 0; j < n; j++) {
            if (j == k) {
                continue;
            }
            double x = u[j];
            double d = x + negM;
            double e = ErrorFree.twoSumError(x, negM, d);
            double t = Exp.exp(d, e);
            if (t == 0) {
                continue; // 0 log 0 = 0, also for x = -inf
            }
            double h = sh + t;
            sl += ErrorFree.twoSumError(sh, t, h);
            sh = h;
            // t (m - x) = t (-d - e), exactly as a double-double before the sum
            double p = -t * d;
            double pl = Math.fma(-t, d, -p) - t * e;
            double ha = ah + p;
            al += ErrorFree.twoSumError(ah, p, ha) + pl;
            ah = ha;
        }
        DoubleDouble s = w.sum.set(sh, sl);
        DoubleDouble log = Logarithm.log1p(s, w.log);
        DoubleDouble inv = ScalarKernel.inverseOfOnePlus(s, w.inverse);
        DoubleDouble b = w.gaps.set(ah, al).times(inv, w.product);
        return DoubleDouble.add(log.hi, log.lo, b.hi, b.lo);
    }

    /**
     * Returns {@code KL(p || S(u)) = sum_j p_j (log p_j - log S_j)} with {@code log S_j = (u_j - m) - log1p(s)},
     * each term a double-double; {@code p >= 0} and finite, same length as {@code u}, not empty. A zero
     * weight contributes 0 (also where {@code S_j = 0}); a positive weight where {@code S_j = 0} exactly
     * ({@code u_j = -inf}, or a {@code +inf} elsewhere) gives {@code +inf}. NaN for a NaN logit. A negative
     * result within the error bound {@code 2^-54 sum(p)} is returned as 0.
     */
    public static double klDivergence(double[] p, double[] u) {
        int n = u.length;
        Workspace w = Workspace.get();
        if (Special.hasNaN(u, 0, n)) {
            return Double.NaN;
        }
        int k = ScalarKernel.INSTANCE.argMax(u, 0, n);
        double m = k < 0 ? Double.NEGATIVE_INFINITY : u[k];
        double[] logS = null;
        DoubleDouble log = null;
        if (k < 0 || m == Double.POSITIVE_INFINITY) {
            logS = w.rowA(n);
            Special.logSoftmax(u, 0, logS, 0, n);
        } else {
            log = Logarithm.log1p(ScalarKernel.INSTANCE.expSum(u, 0, n, k, m, null, 0, w), w.log);
        }
        // where some u_j - m overflows although u_j is finite, the exact result may still be finite: work at
        // half scale (exact for such large logits) and double at the end, as the target loss does
        double scale = 1.0;
        for (int j = 0; j < n && logS == null; j++) {
            // half scale is exact but for subnormal logits, where it moves the result by at most about
            // 2^-1075 sum(p): used only where needed all the same
            if (p[j] != 0 && u[j] - m == Double.NEGATIVE_INFINITY && u[j] != Double.NEGATIVE_INFINITY) {
                scale = 0.5;
            }
        }
        double kh = 0;
        double kl = 0;
        double pSum = 0;
        for (int j = 0; j < n; j++) {
            double pj = p[j];
            if (pj == 0) {
                continue;
            }
            pSum += pj;
            // log p_j - log S_j as a double-double (dh, dl)
            DoubleDouble lp = Logarithm.log(pj, w.term);
            double ls;
            double lsLo;
            if (logS != null) {
                ls = logS[j];
                lsLo = 0.0;
            } else {
                // scale (log S_j) = scale (u_j - m) - scale log1p(s), as a double-double
                double x = u[j] * scale;
                double negM = -m * scale;
                double d = x + negM;
                if (d == Double.NEGATIVE_INFINITY) {
                    return Double.POSITIVE_INFINITY; // u_j = -inf
                }
                // every part scaled alike (exact: a power of two, the logarithms far from subnormal), since beside
                // a small weight on an overflowing shift the logarithms still count
                double lh = log.hi * scale;
                double r = d - lh;
                ls = r;
                lsLo = ErrorFree.twoSumError(d, -lh, r) + (ErrorFree.twoSumError(x, negM, d) - log.lo * scale);
            }
            if (ls == Double.NEGATIVE_INFINITY) {
                return Double.POSITIVE_INFINITY;
            }
            double ph = lp.hi * scale;
            double dh = ph - ls;
            double dl = ErrorFree.twoSumError(ph, -ls, dh) + (lp.lo * scale - lsLo);
            double th = pj * dh;
            double tl = Math.fma(pj, dh, -th) + pj * dl;
            double h = kh + th;
            kl += ErrorFree.twoSumError(kh, th, h) + tl;
            kh = h;
        }
        double r = (kh + (Double.isFinite(kh) ? kl : 0.0)) / scale;
        // r is never -0.0 (the sums start at +0.0), so r <= 0 would do as well; r == -2^-54 sum(p) may go
        // either way: both r and 0 are within the error bound there
        return r < 0 && r >= -0x1p-54 * pSum ? 0.0 : r;
    }
}
