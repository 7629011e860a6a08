package io.github.softmax4j.internal;

/**
 * The state of a streaming log-sum-exp: the running maximum {@code m} (every value equal to it contributes
 * exactly 1), the compensated sum {@code s = sum exp(u_j - m)} over the other values, and what was seen of
 * NaN and positive infinity. The result {@code m + log1p(s)} is then formed exactly as in
 * {@link ScalarKernel#logSumExp}.
 *
 * <ul>
 *   <li>A value below the maximum adds {@code exp(u_j - m)} corrected by its measured error (as in
 *       {@link ScalarKernel#correctedExpSum}), so that no result needs the terms recomputed.
 *   <li>A new maximum {@code m'} rescales: {@code s' = (1 + s) exp(m - m')}, the factor a double-double
 *       within about 2^-80 ({@link Exp#exp(double, double, DoubleDouble)}). Each rescaling adds that error
 *       relative to {@code 1 + s}, and earlier errors shrink by {@code s / (1 + s)}, so the relative error
 *       from rescaling stays below {@code 2^-80 (1 + max s)}, however many times the maximum grows.
 * </ul>
 * Not thread-safe: one instance per thread, combined with {@link #merge}.
 */
public final class LogSumExpState {
    private double max = Double.NEGATIVE_INFINITY;
    private double sumHi;
    private double sumLo;
    private boolean nan;
    private boolean positiveInfinity;
    private long count;
    private final DoubleDouble a = new DoubleDouble();
    private final DoubleDouble b = new DoubleDouble();

    /** Adds {@code exp(x)} to the sum. */
    public void add(double x) {
        count++;
        // x == max may go either way: a term of exactly 1, or a rescaling by exp(0) = 1, give the same sum
        if (!(x > max)) {
            if (x != x) {
                nan = true;
            } else if (x != Double.NEGATIVE_INFINITY) {
                addTerm(x);
            }
            return;
        }
        if (x == Double.POSITIVE_INFINITY) {
            positiveInfinity = true;
            return;
        }
        if (max != Double.NEGATIVE_INFINITY) {
            rescale(max, x, sumHi, sumLo);
        }
        max = x;
    }

    /** {@code x <= max}, finite: adds the corrected {@code exp(x - max)}. */
    private void addTerm(double x) {
        double d = x - max;
        double t = Exp.exp(d, 0.0);
        double corr = Exp.correction(t, d, ErrorFree.twoSumError(x, -max, d), a);
        double h = sumHi + t;
        sumLo += ErrorFree.twoSumError(sumHi, t, h) + corr;
        sumHi = h;
    }

    /** Sets the sum to {@code (1 + s) exp(from - to)} for the sum {@code s = sh + sl} taken at {@code from < to}. */
    private void rescale(double from, double to, double sh, double sl) {
        double d = from - to;
        double e = Double.isFinite(d) ? ErrorFree.twoSumError(from, -to, d) : 0.0;
        DoubleDouble f = Exp.exp(d, e, a);
        double h = 1.0 + sh;
        b.set(h, ErrorFree.twoSumError(1.0, sh, h) + sl);
        b.times(f, b);
        sumHi = b.hi;
        sumLo = b.lo;
    }

    /**
     * Adds everything {@code other} has seen (which is left unchanged). Symmetric: {@code x.merge(y)} leaves
     * {@code x} in the same state, bit for bit, as {@code y.merge(x)} leaves {@code y}.
     */
    public void merge(LogSumExpState other) {
        count += other.count;
        nan |= other.nan;
        positiveInfinity |= other.positiveInfinity;
        double om = other.max;
        if (om == Double.NEGATIVE_INFINITY) {
            return;
        }
        if (max == Double.NEGATIVE_INFINITY) {
            max = om;
            sumHi = other.sumHi;
            sumLo = other.sumLo;
        } else if (om > max) {
            // the larger maximum's sum plus the smaller one's, rescaled: the same operations in either order
            double oh = other.sumHi;
            double ol = other.sumLo;
            rescale(max, om, sumHi, sumLo);
            addSum(oh, ol);
            max = om;
        } else if (om < max) {
            double sh = sumHi;
            double sl = sumLo;
            rescale(om, max, other.sumHi, other.sumLo);
            addSum(sh, sl);
        } else {
            // equal maxima: one of them becomes a term of exactly 1
            double h = sumHi + other.sumHi;
            double l = ErrorFree.twoSumError(sumHi, other.sumHi, h) + (sumLo + other.sumLo);
            double h1 = h + 1.0;
            sumLo = ErrorFree.twoSumError(h, 1.0, h1) + l;
            sumHi = h1;
        }
    }

    /** Adds {@code sh + sl} to the sum, which holds a rescaled sum: {@code (sh + sl) + (sumHi + sumLo)}. */
    private void addSum(double sh, double sl) {
        double h = sh + sumHi;
        sumLo = ErrorFree.twoSumError(sh, sumHi, h) + (sl + sumLo);
        sumHi = h;
    }

    /** The running maximum ({@code -inf} before the first finite value), for checks of the sum's precision. */
    double max() {
        return max;
    }

    /** Sets {@code out} to the sum {@code s} taken at {@link #max()} and returns it, for checks of its precision. */
    DoubleDouble sum(DoubleDouble out) {
        return out.set(sumHi, sumLo);
    }

    /** The number of values added, including those of merged states. */
    public long count() {
        return count;
    }

    /** Returns {@code log sum exp(u_j)} over the values seen, with the special cases of {@code LogSumExp.of}. */
    public double value() {
        if (nan) {
            return Double.NaN;
        }
        if (positiveInfinity) {
            return Double.POSITIVE_INFINITY;
        }
        if (max == Double.NEGATIVE_INFINITY) {
            return Double.NEGATIVE_INFINITY;
        }
        return ScalarKernel.addLog(max, 0.0, a.set(sumHi, sumLo), b);
    }
}
