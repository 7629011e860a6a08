package io.github.softmax4j;

import io.github.softmax4j.internal.Checks;
import io.github.softmax4j.internal.Kernels;

/**
 * The softmax {@code S(u)_k = exp(u_k - LSE(u))} and the log-softmax {@code log S(u)_k = u_k - LSE(u)}, the
 * gradient of {@link LogSumExp} and its logarithm.
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
}
