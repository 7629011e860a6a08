package io.github.softmax4j.internal;

import java.util.Arrays;

/**
 * Results when the maximum logit is not finite: some entry is {@code +inf}, or every entry is
 * {@code -inf} or NaN. The softmax is then the limit of the finite case: uniform over the {@code +inf}
 * entries (the shift {@code u_j - max} of an entry equal to the maximum is exactly 0), and 0 everywhere
 * when every entry is {@code -inf}. A NaN anywhere in the logits makes every output NaN.
 */
final class Special {
    private Special() {}

    /** Returns true if {@code x[off, off + n)} holds a NaN. */
    static boolean hasNaN(double[] x, int off, int n) {
        for (int j = off; j < off + n; j++) {
            if (x[j] != x[j]) {
                return true;
            }
        }
        return false;
    }

    /** Number of {@code +inf} entries in {@code u[off, off + n)}. */
    private static int countPositiveInfinity(double[] u, int off, int n) {
        int c = 0;
        for (int j = off; j < off + n; j++) {
            if (u[j] == Double.POSITIVE_INFINITY) {
                c++;
            }
        }
        return c;
    }

    static double logSumExp(double[] u, int off, int n) {
        if (hasNaN(u, off, n)) {
            return Double.NaN;
        }
        return countPositiveInfinity(u, off, n) > 0 ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY;
    }

    static void softmax(double[] u, int uOff, double[] out, int outOff, int n) {
        if (hasNaN(u, uOff, n)) {
            Arrays.fill(out, outOff, outOff + n, Double.NaN);
            return;
        }
        int c = countPositiveInfinity(u, uOff, n);
        double share = 1.0 / c; // exact value 1/c, correctly rounded; unused when c == 0
        for (int j = 0; j < n; j++) {
            out[outOff + j] = u[uOff + j] == Double.POSITIVE_INFINITY ? share : 0.0;
        }
    }

    static void logSoftmax(double[] u, int uOff, double[] out, int outOff, int n) {
        if (hasNaN(u, uOff, n)) {
            Arrays.fill(out, outOff, outOff + n, Double.NaN);
            return;
        }
        double logShare = 0.0 - Math.log(countPositiveInfinity(u, uOff, n)); // +0.0 for one +inf entry
        for (int j = 0; j < n; j++) {
            out[outOff + j] = u[uOff + j] == Double.POSITIVE_INFINITY ? logShare : Double.NEGATIVE_INFINITY;
        }
    }

    static double crossEntropy(int label, double[] u, int uOff, double[] grad, int gOff, int n) {
        if (hasNaN(u, uOff, n)) {
            if (grad != null) {
                Arrays.fill(grad, gOff, gOff + n, Double.NaN);
            }
            return Double.NaN;
        }
        int c = countPositiveInfinity(u, uOff, n);
        boolean onTop = u[uOff + label] == Double.POSITIVE_INFINITY;
        double loss = onTop ? Math.log(c) : Double.POSITIVE_INFINITY;
        if (grad != null) {
            softmax(u, uOff, grad, gOff, n);
            // S_label - 1 = 1/c - 1 = -(c - 1)/c, one rounding; +0.0 (not -0.0) when c == 1
            grad[gOff + label] = onTop ? 0.0 - (double) (c - 1) / c : -1.0;
        }
        return loss;
    }

    static double crossEntropy(double[] p, int pOff, double[] u, int uOff, double[] grad, int gOff, int n) {
        double pSum = 0;
        double pErr = 0;
        double onTopSum = 0;
        double onTopErr = 0;
        double masked = 0;
        boolean nan = hasNaN(u, uOff, n);
        for (int j = 0; j < n; j++) {
            double pj = p[pOff + j];
            if (!Double.isFinite(pj)) {
                nan = true;
                break;
            }
            double s = pSum + pj;
            pErr += ErrorFree.twoSumError(pSum, pj, s);
            pSum = s;
            if (u[uOff + j] == Double.POSITIVE_INFINITY) {
                double t = onTopSum + pj;
                onTopErr += ErrorFree.twoSumError(onTopSum, pj, t);
                onTopSum = t;
            } else if (pj != 0) {
                // -p_j log S_j with S_j = 0: a positive weight on an impossible class costs +inf
                masked += pj * Double.POSITIVE_INFINITY;
            }
        }
        double total = pSum + pErr;
        if (nan || !Double.isFinite(total)) {
            if (grad != null) {
                Arrays.fill(grad, gOff, gOff + n, Double.NaN);
            }
            return Double.NaN;
        }
        int c = countPositiveInfinity(u, uOff, n);
        if (grad != null) {
            double share = total / c;
            for (int j = 0; j < n; j++) {
                double pj = p[pOff + j];
                grad[gOff + j] = u[uOff + j] == Double.POSITIVE_INFINITY ? share - pj : 0.0 - pj;
            }
        }
        // 0 log 0 = 0: with no +inf entry (c == 0) the on-top weight is 0 and contributes nothing
        double onTop = c == 0 ? 0.0 : (onTopSum + onTopErr) * Math.log(c);
        return masked + onTop;
    }
}
