package io.github.softmax4j.internal;

/**
 * An unevaluated sum {@code hi + lo} with {@code |lo| <= ulp(hi) / 2}: about 106 bits of precision for the
 * few scalars (a sum, its logarithm, a reciprocal) that a whole vector's results depend on.
 */
public final class DoubleDouble {
    /** The leading part, the double nearest the value. */
    public final double hi;
    /** The trailing part. */
    public final double lo;

    private DoubleDouble(double hi, double lo) {
        this.hi = hi;
        this.lo = lo;
    }

    /**
     * Returns {@code hi + lo}, renormalized; requires {@code |hi| >= |lo|} or {@code hi == 0}. An infinite or
     * NaN sum is kept as the high part, with a zero low part.
     */
    public static DoubleDouble fast(double hi, double lo) {
        double s = hi + lo;
        return new DoubleDouble(s, Double.isFinite(s) ? ErrorFree.fastTwoSumError(hi, lo, s) : 0.0);
    }

    /** Returns {@code ah + al + bh + bl} rounded once, for {@code |al| <= ulp(ah)}, {@code |bl| <= ulp(bh)}. */
    public static double add(double ah, double al, double bh, double bl) {
        double h = ah + bh;
        if (!Double.isFinite(h)) {
            return h;
        }
        return h + (ErrorFree.twoSumError(ah, bh, h) + (al + bl));
    }

    /** Returns {@code a + b} with its rounding error carried, for any finite {@code a} and {@code b}. */
    public static DoubleDouble sum(double a, double b) {
        double s = a + b;
        return new DoubleDouble(s, ErrorFree.twoSumError(a, b, s));
    }

    /**
     * Returns {@code 1 / (hi + lo)} to about 2^-100 relative error; {@code hi >= 1}.
     * The remainder {@code 1 - r * hi} is exact by the fused multiply-add.
     */
    public DoubleDouble reciprocal() {
        double r = 1.0 / hi;
        double rem = Math.fma(-r, hi, 1.0) - r * lo;
        return fast(r, rem * r);
    }

    /** Returns {@code this * (b.hi + b.lo)} to about 2^-100 relative error; an overflow gives an infinite high part. */
    public DoubleDouble times(DoubleDouble b) {
        double p = hi * b.hi;
        if (!Double.isFinite(p)) {
            return new DoubleDouble(p, 0.0);
        }
        double e = Math.fma(hi, b.hi, -p) + (hi * b.lo + lo * b.hi);
        return fast(p, e);
    }

    /** Returns {@code hi + lo} rounded to the nearest double. */
    public double value() {
        return hi + lo;
    }
}
