package io.github.softmax4j.internal;

/**
 * An unevaluated sum {@code hi + lo} with {@code |lo| <= ulp(hi) / 2}: about 106 bits of precision for the
 * few scalars (a sum, its logarithm, a reciprocal) that a whole vector's results depend on.
 *
 * <p>Mutable, so that the kernels allocate nothing per call: each thread's {@link Workspace} holds the
 * instances its computation writes to. Every operation writes its result to an instance it is given and
 * returns it.
 */
public final class DoubleDouble {
    /** The leading part, the double nearest the value ({@link #set} keeps it so): the value rounded once. */
    public double hi;
    /** The trailing part. */
    public double lo;

    /**
     * Sets this to {@code hi + lo}, renormalized, and returns it; requires {@code |hi| >= |lo|} or
     * {@code hi == 0}. An infinite or NaN sum is kept as the high part, with a zero low part.
     */
    public DoubleDouble set(double hi, double lo) {
        double s = hi + lo;
        this.lo = Double.isFinite(s) ? ErrorFree.fastTwoSumError(hi, lo, s) : 0.0;
        this.hi = s;
        return this;
    }

    /** Returns {@code ah + al + bh + bl} rounded once, for {@code |al| <= ulp(ah)}, {@code |bl| <= ulp(bh)}. */
    public static double add(double ah, double al, double bh, double bl) {
        double h = ah + bh;
        if (!Double.isFinite(h)) {
            return h;
        }
        return h + (ErrorFree.twoSumError(ah, bh, h) + (al + bl));
    }

    /**
     * Sets {@code out} to {@code 1 / (hi + lo)}, to about 2^-100 relative error, and returns it; {@code hi >= 1}.
     * The remainder {@code 1 - r * hi} is exact by the fused multiply-add.
     */
    public DoubleDouble reciprocal(DoubleDouble out) {
        double r = 1.0 / hi;
        double rem = Math.fma(-r, hi, 1.0) - r * lo;
        return out.set(r, rem * r);
    }

    /**
     * Sets {@code out} to {@code this * b}, to about 2^-100 relative error, and returns it; an overflow gives an
     * infinite high part.
     */
    public DoubleDouble times(DoubleDouble b, DoubleDouble out) {
        double p = hi * b.hi;
        if (!Double.isFinite(p)) {
            return out.set(p, 0.0);
        }
        return out.set(p, Math.fma(hi, b.hi, -p) + (hi * b.lo + lo * b.hi));
    }
}
