package io.github.softmax4j;

import io.github.softmax4j.internal.Batch;
import io.github.softmax4j.internal.Checks;
import io.github.softmax4j.internal.Floats;
import io.github.softmax4j.internal.Kernels;
import io.github.softmax4j.internal.WeightedLogSumExp;
import java.util.concurrent.Executor;

/**
 * The log-sum-exp function {@code LSE(u) = log sum_j exp(u_j)}, the smooth maximum whose gradient is the
 * softmax. It never overflows or underflows where the result itself is a finite double.
 *
 * <p>Beside the single vector: a weighted form (SciPy's {@code b}), batches of rows in a flat row-major
 * array or an array of rows, and {@code float[]} forms. For a stream of values, see
 * {@link LogSumExpAccumulator}.
 *
 * <p>All methods are static, stateless and thread-safe; they never modify their arguments except an output
 * array.
 *
 * @since 0.1.0
 */
public final class LogSumExp {
    private LogSumExp() {}

    /**
     * Returns {@code log sum_j exp(u[j])}, computed as {@code m + log1p(sum_{j != k} exp(u[j] - m))} where
     * {@code m = u[k]} is the maximum.
     *
     * <p>Special cases:
     * <ul>
     *   <li>If {@code u} is empty, the result is negative infinity (the log of an empty sum).
     *   <li>If any element is NaN, the result is NaN.
     *   <li>Otherwise, if any element is positive infinity, the result is positive infinity.
     *   <li>Otherwise, if every element is negative infinity, the result is negative infinity.
     *   <li>Elements equal to negative infinity contribute nothing ({@code exp(-inf) = 0}).
     * </ul>
     *
     * <p>Accuracy: for finite elements, the computed result is within 1 ulp of the exact result. The one
     * exception is a result that cancels: when {@code m < 0} and {@code |LSE(u)| < |m| / 2}, the result is
     * within 1 ulp of {@code |m|}. For example {@code of(new double[] {0, -40})} is
     * {@code 4.248354255291589E-18}, where {@code log(1 + exp(-40))} evaluated naively gives 0.
     *
     * @param u the logits
     * @return the log-sum-exp of {@code u}
     * @throws NullPointerException if {@code u} is null
     */
    public static double of(double[] u) {
        Checks.notNull(u, "u");
        return Kernels.get().logSumExp(u, 0, u.length);
    }

    /**
     * Returns {@code log sum_{from <= j < to} exp(u[j])}: {@link #of(double[])} of the range
     * {@code u[from, to)}, with the same special cases and accuracy. An empty range ({@code from == to})
     * gives negative infinity.
     *
     * @param u the logits
     * @param from the first index of the range, inclusive
     * @param to the end of the range, exclusive
     * @return the log-sum-exp of {@code u[from, to)}
     * @throws NullPointerException if {@code u} is null
     * @throws IndexOutOfBoundsException unless {@code 0 <= from <= to <= u.length}
     */
    public static double of(double[] u, int from, int to) {
        Checks.notNull(u, "u");
        Checks.range(from, to, u.length, "u");
        return Kernels.get().logSumExp(u, from, to);
    }

    /**
     * Returns the weighted log-sum-exp {@code log sum_j b[j] exp(u[j])}, SciPy's {@code logsumexp(u, b=b)} for
     * non-negative weights, computed as the log-sum-exp of {@code u[j] + log b[j]} over the positive weights.
     *
     * <p>Special cases (over the elements with {@code b[j] > 0} only):
     * <ul>
     *   <li>An element with {@code b[j] == 0} is ignored, even if {@code u[j]} is infinite or NaN.
     *   <li>If no weight is positive, or every logit with a positive weight is negative infinity, the result
     *       is negative infinity.
     *   <li>If any such logit is NaN, the result is NaN; otherwise if any is positive infinity, positive
     *       infinity.
     * </ul>
     *
     * <p>Accuracy: for finite logits, the error is at most 1 ulp of the exact result (of {@code |m|} when
     * the result cancels, {@code |LSE| < |m| / 2}, with {@code m = max_j (u[j] + log b[j])}), plus
     * {@code 2^-55} absolute for the logarithms of the weights. Weights of 1 give {@link #of(double[])}'s
     * result within that bound.
     *
     * @param u the logits
     * @param b the weights, one per logit, each finite and {@code >= 0}
     * @return {@code log sum_j b[j] exp(u[j])}
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if the lengths differ or a weight is negative, infinite or NaN
     */
    public static double of(double[] u, double[] b) {
        Checks.notNull(u, "u");
        Checks.notNull(b, "b");
        Checks.sameLength(b, "b", u, "u");
        Checks.nonNegative(b, "b");
        return WeightedLogSumExp.of(u, b);
    }

    /**
     * Writes the log-sum-exp of each row of the row-major batch {@code u} ({@code out.length} rows of
     * {@code classes} logits) to {@code out} and returns {@code out}. Row {@code i} is
     * {@code u[i * classes, (i + 1) * classes)}, and {@code out[i]} is {@code of(u, i * classes, (i + 1) * classes)},
     * bit for bit.
     *
     * @param u the logits, {@code rows * classes} of them, row after row
     * @param classes the length of a row, at least 1
     * @param out the array to write to, one entry per row
     * @return {@code out}
     * @throws NullPointerException if an array is null
     * @throws IllegalArgumentException if {@code classes < 1}, or {@code u.length != out.length * classes}
     */
    public static double[] rows(double[] u, int classes, double[] out) {
        return rows(u, classes, out, null);
    }

    /**
     * {@link #rows(double[], int, double[])} with blocks of 64 rows run on {@code executor} (on the calling
     * thread when it is null). The results are the same, bit for bit; the calling thread waits for them.
     * A batch of at most 64 rows runs on the calling thread; a larger one is given to
     * the executor as {@code min(blocks, 4 * availableProcessors)} tasks that each take the next block until
     * none is left.
     *
     * @param u the logits, {@code rows * classes} of them, row after row
     * @param classes the length of a row, at least 1
     * @param out the array to write to, one entry per row
     * @param executor the executor to run blocks of rows on, or null
     * @return {@code out}
     * @throws NullPointerException if an array is null
     * @throws IllegalArgumentException if {@code classes < 1}, or {@code u.length != out.length * classes}
     */
    public static double[] rows(double[] u, int classes, double[] out, Executor executor) {
        Checks.notNull(u, "u");
        Checks.notNull(out, "out");
        int rows = Checks.rows(u.length, classes, "u");
        Checks.sameLength(out.length, "out", rows, "the rows of u");
        Batch.logSumExpRows(u, out, rows, classes, executor);
        return out;
    }

    /**
     * Writes the log-sum-exp of each row {@code u[i]} to {@code out[i]} and returns {@code out}; rows may have
     * different lengths (an empty row gives negative infinity). Each entry is {@code of(u[i])}, bit for bit.
     *
     * @param u the rows of logits
     * @param out the array to write to, one entry per row
     * @return {@code out}
     * @throws NullPointerException if {@code u}, a row of it, or {@code out} is null
     * @throws IllegalArgumentException if {@code out.length != u.length}
     */
    public static double[] rows(double[][] u, double[] out) {
        Checks.notNull(u, "u");
        Checks.notNull(out, "out");
        Checks.sameLength(out.length, "out", u.length, "u");
        for (int i = 0; i < u.length; i++) {
            Checks.notNull(u[i], "u[" + i + "]");
            out[i] = Kernels.get().logSumExp(u[i], 0, u[i].length);
        }
        return out;
    }

    /**
     * Returns {@link #of(double[])} of the float logits, computed in double and rounded to float once: within
     * 1 float ulp of the exact result (for finite logits; special cases as for doubles).
     *
     * @param u the logits
     * @return the log-sum-exp of {@code u}, as a float
     * @throws NullPointerException if {@code u} is null
     */
    public static float of(float[] u) {
        Checks.notNull(u, "u");
        return Floats.logSumExp(u, 0, u.length);
    }

    /**
     * {@link #rows(double[], int, double[])} for float logits: each row computed in double, each result
     * rounded to float once.
     *
     * @param u the logits, {@code rows * classes} of them, row after row
     * @param classes the length of a row, at least 1
     * @param out the array to write to, one entry per row
     * @return {@code out}
     * @throws NullPointerException if an array is null
     * @throws IllegalArgumentException if {@code classes < 1}, or {@code u.length != out.length * classes}
     */
    public static float[] rows(float[] u, int classes, float[] out) {
        Checks.notNull(u, "u");
        Checks.notNull(out, "out");
        int rows = Checks.rows(u.length, classes, "u");
        Checks.sameLength(out.length, "out", rows, "the rows of u");
        for (int i = 0; i < rows; i++) {
            out[i] = Floats.logSumExp(u, i * classes, classes);
        }
        return out;
    }
}
