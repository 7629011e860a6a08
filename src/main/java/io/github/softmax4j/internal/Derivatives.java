package io.github.softmax4j.internal;

import java.util.Arrays;

/** Products with the softmax's Jacobian and the cross-entropy's Hessian: {@code f S * (v - <S, v>)}. */
public final class Derivatives {
    private Derivatives() {}

    /**
     * Writes {@code f S(u) * (v - <S(u), v>)} to {@code out} ({@code f = fh + fl}, 1 for the Jacobian; the
     * target's sum for the Hessian). {@code out} may be {@code u}, not {@code v}. {@code <S, v>} is a
     * compensated sum of exact products, divided by the compensated sum of the computed {@code S}, and
     * {@code v_j - <S, v>} a double-double, so each entry is rounded once (twice with a factor) after the
     * softmax's own error. A NaN or infinite {@code v_j}, or a NaN
     * factor, makes every entry NaN.
     */
    public static void jacobianTimes(double[] u, double[] v, double[] out, double fh, double fl) {
        int n = u.length;
        Kernels.get().softmax(u, 0, out, 0, n);
        double ch = 0;
        double cl = 0;
        double sh = 0;
        double sl = 0;
        boolean finite = fh == fh;
        for (int j = 0; j < n; j++) {
            double s = out[j];
            double vj = v[j];
            finite &= Double.isFinite(vj);
            double p = s * vj;
            double h = ch + p;
            cl += ErrorFree.twoSumError(ch, p, h) + Math.fma(s, vj, -p);
            ch = h;
            double t = sh + s;
            sl += ErrorFree.twoSumError(sh, s, t);
            sh = t;
        }
        if (!finite) {
            Arrays.fill(out, Double.NaN);
            return;
        }
        // <S, v> / sum(S): the computed softmax's own sum, not 1, so that a constant v gives v_j - c = 0
        // within 2^-100 of v
        if (sh == 0) {
            return; // every logit -inf: S = 0, already written, and so is every entry
        }
        // sh is 1 within n 2^-53, and rem corrects q's first-order error, so q need only be close to ch / sh;
        // c + cLo is q + rem however c rounds
        double q = ch / sh;
        double rem = (Math.fma(-q, sh, ch) + cl - q * sl) / sh;
        double c = q + rem;
        double cLo = Double.isFinite(c) ? ErrorFree.fastTwoSumError(q, rem, c) : 0.0;
        boolean scaled = fh != 1.0 || fl != 0.0;
        for (int j = 0; j < n; j++) {
            double s = out[j];
            if (s == 0) {
                continue; // 0, however large v_j - <S, v> is
            }
            double d = v[j] - c;
            double de = Double.isFinite(d) ? ErrorFree.twoSumError(v[j], -c, d) - cLo : 0.0;
            double r = Math.fma(s, d, s * de);
            out[j] = scaled ? Math.fma(r, fh, r * fl) : r;
        }
    }
}
