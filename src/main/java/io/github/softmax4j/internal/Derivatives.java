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
     * softmax's own error. A NaN or infinite {@code v_j}, or a NaN factor, makes every entry NaN; otherwise an
     * entry overflows to an infinity only where the exact result does (v near the largest double is taken at
     * half scale), never to NaN.
     */
    public static void jacobianTimes(double[] u, double[] v, double[] out, double fh, double fl) {
        int n = u.length;
        Kernels.get().softmax(u, 0, out, 0, n);
        // v near the largest double: <S, v> and v_j - <S, v> may overflow where the result does not; then
        // work on v / 2 (exact but for subnormal entries, far below the error bound's scale there) and double
        // each entry at the end
        double vs = 1.0;
        for (int j = 0; j < n; j++) {
            if (Math.abs(v[j]) >= 0x1p1022) { // |v_j| == 2^1022 may go either way: neither scale overflows
                vs = 0.5;
                break;
            }
        }
        double back = 1 / vs;
        double ch = 0;
        double cl = 0;
        double sh = 0;
        double sl = 0;
        boolean finite = fh == fh;
        for (int j = 0; j < n; j++) {
            double s = out[j];
            double vj = v[j] * vs;
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
        double cLo = ErrorFree.fastTwoSumError(q, rem, c);
        boolean scaled = fh != 1.0 || fl != 0.0;
        for (int j = 0; j < n; j++) {
            double s = out[j];
            if (s == 0) {
                continue; // 0, however large v_j - <S, v> is
            }
            double vj = v[j] * vs;
            double d = vj - c;
            // finite: |v_j| and |c| are below 2^1022, or below 2^1023 at half scale (NaN for a NaN logit)
            double de = ErrorFree.twoSumError(vj, -c, d) - cLo;
            // exact doubling: |S_j (v_j - <S, v>)| <= S_j (1 - S_j) 2 max |v| <= max |v| / 2 stays finite, so
            // a factor can only overflow it to an infinity of its sign
            double r = Math.fma(s, d, s * de) * back;
            out[j] = scaled ? Math.fma(r, fh, r * fl) : r;
        }
    }
}
