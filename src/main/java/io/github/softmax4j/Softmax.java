package io.github.softmax4j;

import io.github.softmax4j.internal.Batch;
import io.github.softmax4j.internal.Checks;
import io.github.softmax4j.internal.Derivatives;
import io.github.softmax4j.internal.Entropies;
import io.github.softmax4j.internal.Floats;
import io.github.softmax4j.internal.Kernels;
import java.util.concurrent.Executor;

/**
 * The softmax {@code S(u)_k = exp(u_k - LSE(u))} and the log-softmax {@code log S(u)_k = u_k - LSE(u)}, the
 * gradient of {@link LogSumExp} and its logarithm.
 *
 * <p>Beside the single vector: batches of rows ({@link #rows(double[], int, double[]) rows},
 * {@link #logRows(double[], int, double[]) logRows}), {@code float[]} forms, the Jacobian-vector product
 * {@link #jacobianTimes jacobianTimes} and the {@link #entropy entropy} of the softmax.
 *
 * <p>Each method has an allocating form and an allocation-free form that writes to an output array and
 * returns it; the output may be the input array itself (in place). All methods are stateless and
 * thread-safe, and never modify an input that is not also the output.
 *
 * @since 0.1.0
 */
public final class Softmax {
    private Softmax() {}

    /**
     * Returns the softmax of {@code u} in a new array: {@code exp(u[k] - m) / sum_j exp(u[j] - m)} with
     * {@code m} the maximum. Equivalent to {@code of(u, new double[u.length])}.
     *
     * <p>Special cases and accuracy are those of {@link #of(double[], double[])}.
     *
     * @param u the logits
     * @return a new array holding the softmax of {@code u}
     * @throws NullPointerException if {@code u} is null
     */
    public static double[] of(double[] u) {
        Checks.notNull(u, "u");
        return of(u, new double[u.length]);
    }

    /**
     * Writes the softmax of {@code u} to {@code out} and returns {@code out}:
     * {@code out[k] = exp(u[k] - m) / sum_j exp(u[j] - m)} with {@code m} the maximum.
     *
     * <p>Special cases:
     * <ul>
     *   <li>If {@code u} is empty, nothing is written.
     *   <li>If any element is NaN, every output is NaN.
     *   <li>Elements equal to negative infinity (masked classes) get exactly 0.
     *   <li>If any element is positive infinity, the mass is shared equally by the positive-infinity
     *       elements, {@code 1.0 / c} each for {@code c} of them, and every other output is 0.
     *   <li>If every element is negative infinity (a fully masked vector), every output is 0.
     *   <li>Equal elements get exactly equal outputs; in particular tied maxima share the mass equally.
     * </ul>
     *
     * <p>Accuracy: for finite elements, each output is within 3 ulps of the exact result; an output below
     * the normal range ({@code < Double.MIN_NORMAL}) is within {@code u.length} units of
     * {@code Double.MIN_VALUE}. The outputs sum to 1 within {@code u.length} ulps of 1.
     *
     * <p>{@code out} may be {@code u} itself: the softmax is then computed in place.
     *
     * @param u the logits
     * @param out the array to write to, of the same length as {@code u}
     * @return {@code out}
     * @throws NullPointerException if {@code u} or {@code out} is null
     * @throws IllegalArgumentException if {@code out.length != u.length}
     */
    public static double[] of(double[] u, double[] out) {
        Checks.notNull(u, "u");
        Checks.notNull(out, "out");
        Checks.sameLength(out, "out", u, "u");
        Kernels.get().softmax(u, 0, out, 0, u.length);
        return out;
    }

    /**
     * Returns the log-softmax of {@code u} in a new array. Equivalent to
     * {@code log(u, new double[u.length])}.
     *
     * <p>Special cases and accuracy are those of {@link #log(double[], double[])}.
     *
     * @param u the logits
     * @return a new array holding the log-softmax of {@code u}
     * @throws NullPointerException if {@code u} is null
     */
    public static double[] log(double[] u) {
        Checks.notNull(u, "u");
        return log(u, new double[u.length]);
    }

    /**
     * Writes the log-softmax of {@code u} to {@code out} and returns {@code out}:
     * {@code out[k] = u[k] - LSE(u)}, computed as {@code (u[k] - m) - log1p(sum_{j != i} exp(u[j] - m))}
     * with {@code m = u[i]} the maximum, so that it never cancels.
     *
     * <p>Special cases:
     * <ul>
     *   <li>If {@code u} is empty, nothing is written.
     *   <li>If any element is NaN, every output is NaN.
     *   <li>Elements equal to negative infinity give negative infinity.
     *   <li>If any element is positive infinity, each of the {@code c} positive-infinity elements gives
     *       {@code -log(c)} and every other element gives negative infinity.
     *   <li>If every element is negative infinity, every output is negative infinity.
     * </ul>
     *
     * <p>Accuracy: for finite elements, each output is within 2 ulps of the exact result. For example
     * {@code log(new double[] {100, 0})[0]} is {@code -3.720075976020836E-44}, where {@code u - LSE(u)}
     * gives 0.
     *
     * <p>{@code out} may be {@code u} itself: the log-softmax is then computed in place.
     *
     * @param u the logits
     * @param out the array to write to, of the same length as {@code u}
     * @return {@code out}
     * @throws NullPointerException if {@code u} or {@code out} is null
     * @throws IllegalArgumentException if {@code out.length != u.length}
     */
    public static double[] log(double[] u, double[] out) {
        Checks.notNull(u, "u");
        Checks.notNull(out, "out");
        Checks.sameLength(out, "out", u, "u");
        Kernels.get().logSoftmax(u, 0, out, 0, u.length);
        return out;
    }

    /**
     * Writes the softmax of each row of the row-major batch {@code u} ({@code u.length / classes} rows of
     * {@code classes} logits) to the same row of {@code out} and returns {@code out}. Each row is
     * {@link #of(double[], double[])} of that row, bit for bit, with its special cases and accuracy.
     * {@code out} may be {@code u}.
     *
     * @param u the logits, row after row
     * @param classes the length of a row, at least 1
     * @param out the array to write to, of the same length as {@code u}
     * @return {@code out}
     * @throws NullPointerException if an array is null
     * @throws IllegalArgumentException if {@code classes < 1}, {@code classes} does not divide
     *     {@code u.length}, or {@code out.length != u.length}
     */
    public static double[] rows(double[] u, int classes, double[] out) {
        return rows(u, classes, out, null, false);
    }

    /**
     * {@link #rows(double[], int, double[])} with blocks of 64 rows run on {@code executor} (on the calling
     * thread when it is null). The results are the same, bit for bit; the calling thread waits for them.
     * A batch of at most 64 rows runs on the calling thread; a larger one is given to
     * the executor as {@code min(blocks, 4 * availableProcessors)} tasks that each take the next block until
     * none is left.
     *
     * @param u the logits, row after row
     * @param classes the length of a row, at least 1
     * @param out the array to write to, of the same length as {@code u}
     * @param executor the executor to run blocks of rows on, or null
     * @return {@code out}
     * @throws NullPointerException if an array is null
     * @throws IllegalArgumentException if {@code classes < 1}, {@code classes} does not divide
     *     {@code u.length}, or {@code out.length != u.length}
     */
    public static double[] rows(double[] u, int classes, double[] out, Executor executor) {
        return rows(u, classes, out, executor, false);
    }

    /**
     * Writes the softmax of each row {@code u[i]} to {@code out[i]} and returns {@code out}; rows may have
     * different lengths. Each row is {@link #of(double[], double[])} of that row, bit for bit; {@code out[i]}
     * may be {@code u[i]}.
     *
     * @param u the rows of logits
     * @param out the rows to write to, each of the length of the same row of {@code u}
     * @return {@code out}
     * @throws NullPointerException if an array or a row is null
     * @throws IllegalArgumentException if the numbers or lengths of the rows differ
     */
    public static double[][] rows(double[][] u, double[][] out) {
        return rows(u, out, false);
    }

    /**
     * Writes the log-softmax of each row of the row-major batch {@code u} to the same row of {@code out} and
     * returns {@code out}. Each row is {@link #log(double[], double[])} of that row, bit for bit, with its
     * special cases and accuracy. {@code out} may be {@code u}.
     *
     * @param u the logits, row after row
     * @param classes the length of a row, at least 1
     * @param out the array to write to, of the same length as {@code u}
     * @return {@code out}
     * @throws NullPointerException if an array is null
     * @throws IllegalArgumentException if {@code classes < 1}, {@code classes} does not divide
     *     {@code u.length}, or {@code out.length != u.length}
     */
    public static double[] logRows(double[] u, int classes, double[] out) {
        return rows(u, classes, out, null, true);
    }

    /**
     * {@link #logRows(double[], int, double[])} with blocks of 64 rows run on {@code executor} (on the calling
     * thread when it is null). The results are the same, bit for bit; the calling thread waits for them.
     * A batch of at most 64 rows runs on the calling thread; a larger one is given to
     * the executor as {@code min(blocks, 4 * availableProcessors)} tasks that each take the next block until
     * none is left.
     *
     * @param u the logits, row after row
     * @param classes the length of a row, at least 1
     * @param out the array to write to, of the same length as {@code u}
     * @param executor the executor to run blocks of rows on, or null
     * @return {@code out}
     * @throws NullPointerException if an array is null
     * @throws IllegalArgumentException if {@code classes < 1}, {@code classes} does not divide
     *     {@code u.length}, or {@code out.length != u.length}
     */
    public static double[] logRows(double[] u, int classes, double[] out, Executor executor) {
        return rows(u, classes, out, executor, true);
    }

    /**
     * Writes the log-softmax of each row {@code u[i]} to {@code out[i]} and returns {@code out}; rows may
     * have different lengths. Each row is {@link #log(double[], double[])} of that row, bit for bit.
     *
     * @param u the rows of logits
     * @param out the rows to write to, each of the length of the same row of {@code u}
     * @return {@code out}
     * @throws NullPointerException if an array or a row is null
     * @throws IllegalArgumentException if the numbers or lengths of the rows differ
     */
    public static double[][] logRows(double[][] u, double[][] out) {
        return rows(u, out, true);
    }

    private static double[] rows(double[] u, int classes, double[] out, Executor executor, boolean log) {
        Checks.notNull(u, "u");
        Checks.notNull(out, "out");
        Checks.rows(u.length, classes, "u");
        Checks.sameLength(out, "out", u, "u");
        Batch.softmaxRows(u, out, u.length / classes, classes, log, executor);
        return out;
    }

    private static double[][] rows(double[][] u, double[][] out, boolean log) {
        Checks.notNull(u, "u");
        Checks.notNull(out, "out");
        Checks.sameLength(out.length, "out", u.length, "u");
        for (int i = 0; i < u.length; i++) {
            Checks.notNull(u[i], "u[" + i + "]");
            Checks.notNull(out[i], "out[" + i + "]");
            Checks.sameLength(out[i], "out[" + i + "]", u[i], "u[" + i + "]");
        }
        for (int i = 0; i < u.length; i++) {
            if (log) {
                Kernels.get().logSoftmax(u[i], 0, out[i], 0, u[i].length);
            } else {
                Kernels.get().softmax(u[i], 0, out[i], 0, u[i].length);
            }
        }
        return out;
    }

    /**
     * Writes the softmax of the float logits {@code u} to {@code out} and returns {@code out}: computed in
     * double and rounded to float once, so each output is within 1 float ulp of the exact result (special
     * cases as in {@link #of(double[], double[])}). {@code out} may be {@code u}.
     *
     * @param u the logits
     * @param out the array to write to, of the same length as {@code u}
     * @return {@code out}
     * @throws NullPointerException if {@code u} or {@code out} is null
     * @throws IllegalArgumentException if {@code out.length != u.length}
     */
    public static float[] of(float[] u, float[] out) {
        checkFloats(u, out);
        Floats.softmax(u, out, 0, u.length, false);
        return out;
    }

    /**
     * Writes the log-softmax of the float logits {@code u} to {@code out} and returns {@code out}: computed in
     * double and rounded to float once, so each output is within 1 float ulp of the exact result (special
     * cases as in {@link #log(double[], double[])}). {@code out} may be {@code u}.
     *
     * @param u the logits
     * @param out the array to write to, of the same length as {@code u}
     * @return {@code out}
     * @throws NullPointerException if {@code u} or {@code out} is null
     * @throws IllegalArgumentException if {@code out.length != u.length}
     */
    public static float[] log(float[] u, float[] out) {
        checkFloats(u, out);
        Floats.softmax(u, out, 0, u.length, true);
        return out;
    }

    /**
     * {@link #rows(double[], int, double[])} for float logits: each row computed in double and rounded to
     * float once. {@code out} may be {@code u}.
     *
     * @param u the logits, row after row
     * @param classes the length of a row, at least 1
     * @param out the array to write to, of the same length as {@code u}
     * @return {@code out}
     * @throws NullPointerException if an array is null
     * @throws IllegalArgumentException if {@code classes < 1}, {@code classes} does not divide
     *     {@code u.length}, or {@code out.length != u.length}
     */
    public static float[] rows(float[] u, int classes, float[] out) {
        return floatRows(u, classes, out, false);
    }

    /**
     * {@link #logRows(double[], int, double[])} for float logits: each row computed in double and rounded to
     * float once. {@code out} may be {@code u}.
     *
     * @param u the logits, row after row
     * @param classes the length of a row, at least 1
     * @param out the array to write to, of the same length as {@code u}
     * @return {@code out}
     * @throws NullPointerException if an array is null
     * @throws IllegalArgumentException if {@code classes < 1}, {@code classes} does not divide
     *     {@code u.length}, or {@code out.length != u.length}
     */
    public static float[] logRows(float[] u, int classes, float[] out) {
        return floatRows(u, classes, out, true);
    }

    private static float[] floatRows(float[] u, int classes, float[] out, boolean log) {
        checkFloats(u, out);
        int rows = Checks.rows(u.length, classes, "u");
        for (int i = 0; i < rows; i++) {
            Floats.softmax(u, out, i * classes, classes, log);
        }
        return out;
    }

    private static void checkFloats(float[] u, float[] out) {
        Checks.notNull(u, "u");
        Checks.notNull(out, "out");
        Checks.sameLength(out.length, "out", u.length, "u");
    }

    /**
     * Writes the product of the softmax's Jacobian at {@code u} with {@code v} to {@code out} and returns
     * {@code out}: {@code J v = S * (v - <S, v>)} with {@code S = S(u)}. The Jacobian
     * {@code diag(S) - S S^T} is symmetric, so this is also the vector-Jacobian product {@code v^T J} that
     * backpropagation needs.
     *
     * <p>Special cases:
     * <ul>
     *   <li>If {@code u} is empty, nothing is written.
     *   <li>{@code S} has the special cases of {@link #of(double[], double[])}: a NaN logit makes every
     *       output NaN, a masked (negative infinity) logit gets 0, and so does every entry when all logits
     *       are negative infinity.
     *   <li>If any element of {@code v} is NaN or infinite, every output is NaN.
     *   <li>Otherwise no output overflows, even for {@code v} near the largest double: each is at most
     *       about {@code max |v| / 2} in magnitude.
     * </ul>
     *
     * <p>Accuracy: for finite arguments, entry {@code j} is within 4 ulps of
     * {@code S_j (|v_j - <S, v>| + <S, |v|>)}: the difference {@code v_j - <S, v>} may cancel, and its
     * error is that of {@code <S, v>}, relative to {@code <S, |v|>}. Where {@code S_j} is below the normal
     * range, add its own error ({@code K} units of {@code Double.MIN_VALUE}) times
     * {@code |v_j - <S, v>| + <S, |v|>}.
     *
     * <p>{@code out} may be {@code u}; it must not be {@code v}.
     *
     * @param u the logits
     * @param v the vector to multiply, of the same length
     * @param out the array to write to, of the same length
     * @return {@code out}
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if the lengths differ or {@code out} is {@code v}
     */
    public static double[] jacobianTimes(double[] u, double[] v, double[] out) {
        Checks.notNull(u, "u");
        Checks.notNull(v, "v");
        Checks.notNull(out, "out");
        Checks.sameLength(v, "v", u, "u");
        Checks.sameLength(out, "out", u, "u");
        Checks.notSame(out, "out", v, "v");
        Derivatives.jacobianTimes(u, v, out, 1.0, 0.0);
        return out;
    }

    /**
     * Returns the entropy of the softmax, {@code H(S(u)) = -sum_k S_k log S_k = LSE(u) - <S(u), u>}, computed
     * as {@code log1p(s) + sum_j S_j (m - u_j)} with {@code m} the maximum: a sum of non-negative terms, so it
     * never cancels and is never negative.
     *
     * <p>Special cases:
     * <ul>
     *   <li>If any element is NaN, the result is NaN.
     *   <li>If {@code c} elements are positive infinity, the result is {@code log(c)} (the softmax is uniform
     *       over them).
     *   <li>If every element is negative infinity, the result is 0 (the softmax is then 0, and
     *       {@code 0 log 0 = 0}).
     *   <li>Masked (negative infinity) elements contribute 0.
     * </ul>
     *
     * <p>Accuracy: for finite elements, the result is within 2 ulps of the exact result.
     *
     * @param u the logits
     * @return the entropy of {@code S(u)}, in nats
     * @throws NullPointerException if {@code u} is null
     * @throws IllegalArgumentException if {@code u} is empty
     */
    public static double entropy(double[] u) {
        Checks.notNull(u, "u");
        Checks.notEmpty(u, "u");
        return Entropies.entropy(u);
    }
}
