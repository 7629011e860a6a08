package io.github.softmax4j;

import io.github.softmax4j.internal.Checks;
import io.github.softmax4j.internal.Kernels;

/**
 * The log-sum-exp function {@code LSE(u) = log sum_j exp(u_j)}, the smooth maximum whose gradient is the
 * softmax. It never overflows or underflows where the result itself is a finite double.
 *
 * <p>All methods are static, stateless and thread-safe; they never modify their arguments.
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
}
