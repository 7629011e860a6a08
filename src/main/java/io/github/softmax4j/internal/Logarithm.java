package io.github.softmax4j.internal;

/**
 * Logarithms as double-doubles: {@code log1p(s)}, the one logarithm that log-sum-exp, log-softmax and the
 * loss all add to their results, and {@code log(t)}, which measures the error of a computed exponential.
 *
 * <p>Method: write {@code x = 2^e * f} with {@code f} in [sqrt(1/2), sqrt(2)), so that
 * {@code log(x) = e log 2 + 2 atanh(z)} with {@code z = (f - 1) / (f + 1)}, {@code |z| <= 0.1716}.
 * The leading term {@code 2z} is carried as a double-double; the rest of the series,
 * {@code z R(z^2)}, is below 2% of the total, so its double rounding costs under 2^-58.
 */
public final class Logarithm {
    private Logarithm() {}

    /** log 2 split so that {@code e * LN2_HI} is exact for |e| < 2^20 (fdlibm's split). */
    private static final double LN2_HI = 6.93147180369123816490e-01;
    private static final double LN2_LO = 1.90821492927058770002e-10;
    private static final double SQRT2 = 1.4142135623730951;

    /*
     * Coefficients of R(w) = sum_{i=1..11} 2 w^i / (2i + 1), as R1 + R3 w + ... (constants, not an array, so
     * that they fold into the code); the first omitted term is below 2^-60 of 2z for w = z^2 <= 0.02944.
     */
    private static final double R1 = 2.0 / 3;
    private static final double R2 = 2.0 / 5;
    private static final double R3 = 2.0 / 7;
    private static final double R4 = 2.0 / 9;
    private static final double R5 = 2.0 / 11;
    private static final double R6 = 2.0 / 13;
    private static final double R7 = 2.0 / 15;
    private static final double R8 = 2.0 / 17;
    private static final double R9 = 2.0 / 19;
    private static final double R10 = 2.0 / 21;
    private static final double R11 = 2.0 / 23;

    /**
     * Sets {@code out} to {@code log(1 + s)}, to about 2^-57 relative error, for {@code s >= 0}, and returns
     * it. A NaN or infinite {@code s} gives {@code log1p(s.hi)}.
     */
    public static DoubleDouble log1p(DoubleDouble s, DoubleDouble out) {
        double sh = s.hi;
        double sl = s.lo;
        if (!(sh < Double.POSITIVE_INFINITY) || sh == 0) {
            return out.set(Math.log1p(sh), 0.0);
        }
        double xh = 1.0 + sh;
        double xl = ErrorFree.twoSumError(1.0, sh, xh) + sl;
        int e = Math.getExponent(xh);
        double scale = twoToTheMinus(e);
        double fh = xh * scale;
        // fh == SQRT2 may go either way: both reductions keep |log f| < 0.35 and the stated error
        if (fh >= SQRT2) {
            e++;
            fh *= 0.5;
            scale *= 0.5;
        }
        double nh;
        double nl;
        double dh;
        double dl;
        if (e == 0) {
            // f = 1 + s: f - 1 is s itself, exactly, which keeps full relative accuracy for tiny s.
            nh = sh;
            nl = sl;
            dh = 2.0 + sh;
            dl = ErrorFree.twoSumError(2.0, sh, dh) + sl;
        } else {
            double fl = xl * scale;
            double fm1 = fh - 1.0; // exact by Sterbenz: fh is in [1/2, 2]
            // nh + nl is fm1 + fl: with nh = fm1 - fl instead, the TwoSum error would come out as about 2 fl
            // and restore the same sum to within 2^-106 relative, far below the 2^-57 stated
            nh = fm1 + fl;
            nl = ErrorFree.twoSumError(fm1, fl, nh);
            dh = fh + 1.0;
            dl = ErrorFree.twoSumError(fh, 1.0, dh) + fl;
        }
        return series(e, nh, nl, dh, dl, out);
    }

    /**
     * Sets {@code out} to {@code log(t)} for a positive finite {@code t}, to an absolute error of about 2^-58
     * plus 2^-57 of {@code |log(t) - e log 2|} (at most 0.35), whatever the size of {@code e}, and returns it.
     */
    public static DoubleDouble log(double t, DoubleDouble out) {
        int scale = 0;
        if (t < Double.MIN_NORMAL) { // t == MIN_NORMAL may go either way: the scaling is exact
            t *= 0x1p54; // exact: brings a subnormal into the normal range
            scale = 54;
        }
        int e = Math.getExponent(t);
        double f = t * twoToTheMinus(e);
        // f == SQRT2 may go either way: both reductions keep |log f| < 0.35 and the stated error
        if (f >= SQRT2) {
            e++;
            f *= 0.5;
        }
        double nh = f - 1.0; // exact by Sterbenz
        double dh = f + 1.0;
        return series(e - scale, nh, 0.0, dh, ErrorFree.twoSumError(f, 1.0, dh), out);
    }

    /**
     * {@code 2^-e} for the exponent {@code e} of a normal double ({@code -1022 <= e <= 1023}), from its bits:
     * cheaper than {@code Math.scalb}, and a product with a double of that exponent is exact (for
     * {@code e = 1023} the power is subnormal, still exact, and so is that product).
     */
    private static double twoToTheMinus(int e) {
        return e == 1023 ? 0x1p-1023 : Double.longBitsToDouble((long) (1023 - e) << 52);
    }

    /** {@code e log 2 + 2 atanh(z)}, {@code z = (nh + nl) / (dh + dl)}, {@code |z| <= 0.1716}. */
    private static DoubleDouble series(int e, double nh, double nl, double dh, double dl, DoubleDouble out) {
        // one division: the remainder nh - zh dh is exact by the fused multiply-add, whatever zh's rounding
        double inv = 1.0 / dh;
        double zh = nh * inv;
        double zl = (Math.fma(-zh, dh, nh) + nl - zh * dl) * inv;
        // R(w) / w by Estrin's scheme: a short dependency chain instead of Horner's eleven
        double w = zh * zh;
        double w2 = w * w;
        double w4 = w2 * w2;
        double q0 = Math.fma(Math.fma(R4, w, R3), w2, Math.fma(R2, w, R1));
        double q1 = Math.fma(Math.fma(R8, w, R7), w2, Math.fma(R6, w, R5));
        double q2 = Math.fma(R11, w2, Math.fma(R10, w, R9));
        double r = Math.fma(q2, w4 * w4, Math.fma(q1, w4, q0));
        double tail = zh * (r * w);
        double lead = e * LN2_HI; // exact: LN2_HI has 32 significant bits and |e| < 1100
        double hi = lead + 2.0 * zh;
        double lo = ErrorFree.twoSumError(lead, 2.0 * zh, hi) + (e * LN2_LO + (2.0 * zl + tail));
        return out.set(hi, lo);
    }
}
