package io.github.softmax4j.internal;

/**
 * {@code log sum_j b_j exp(u_j)} for weights {@code b_j >= 0}: the log-sum-exp of {@code v_j = u_j + log b_j}
 * over the positive weights, each {@code v_j} a double-double, with the shifts' terms corrected as in
 * {@link ScalarKernel#correctedExpSum}, so that the only error beyond the usual rounding is that of the
 * weights' logarithms (about 2^-57 each, absolute).
 */
public final class WeightedLogSumExp {
    private WeightedLogSumExp() {}

    /** {@code u} and {@code b} have the same length; {@code b} is finite and {@code >= 0}. */
    public static double of(double[] u, double[] b) {
        int n = u.length;
        int k = -1;
        double m = Double.NEGATIVE_INFINITY;
        boolean nan = false;
        boolean posInf = false;
        for (int j = 0; j < n; j++) {
            if (b[j] == 0) {
                continue; // ignored, whatever u_j is
            }
            double x = u[j];
            nan |= x != x;
            posInf |= x == Double.POSITIVE_INFINITY;
            if (x > m) {
                m = x;
                k = j;
            }
        }
        if (nan) {
            return Double.NaN;
        }
        if (posInf) {
            return Double.POSITIVE_INFINITY;
        }
        if (k < 0) {
            return Double.NEGATIVE_INFINITY;
        }
        Workspace w = Workspace.get();
        // the shift: the largest v_j = u_j + log b_j (by high part; any nearby choice would do)
        double[] vl = w.rowA(n);
        double[] vh = w.rowB(n);
        int top = -1;
        for (int j = 0; j < n; j++) {
            if (b[j] == 0 || u[j] == Double.NEGATIVE_INFINITY) {
                continue;
            }
            DoubleDouble lb = Logarithm.log(b[j], w.term);
            double h = u[j] + lb.hi;
            vh[j] = h;
            vl[j] = ErrorFree.twoSumError(u[j], lb.hi, h) + lb.lo;
            // h == vh[top] may go either way: any shift near the largest v_j gives the same sum to 2^-100
            if (top < 0 || h > vh[top]) {
                top = j;
            }
        }
        double mh = vh[top];
        double ml = vl[top];
        double sh = 0;
        double sl = 0;
        for (int j = 0; j < n; j++) {
            if (j == top || b[j] == 0 || u[j] == Double.NEGATIVE_INFINITY) {
                continue;
            }
            double d = vh[j] - mh;
            double e = ErrorFree.twoSumError(vh[j], -mh, d) + (vl[j] - ml);
            double t = Exp.exp(d, 0.0);
            double corr = Exp.correction(t, d, e, w.term);
            double h = sh + t;
            sl += ErrorFree.twoSumError(sh, t, h) + corr;
            sh = h;
        }
        return ScalarKernel.addLog(mh, ml, w.sum.set(sh, sl), w.log);
    }
}
