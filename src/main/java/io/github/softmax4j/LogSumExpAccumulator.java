package io.github.softmax4j;

import io.github.softmax4j.internal.LogSumExpState;
import java.util.Objects;

/**
 * A streaming log-sum-exp: values arrive one at a time (or from several accumulators, {@linkplain #merge
 * merged}), and {@link #value()} is {@code log sum_j exp(u_j)} over all of them, without storing them. It keeps
 * the running maximum {@code m}, each later value's {@code exp(u_j - m)} in a compensated sum, and rescales
 * that sum when the maximum grows (the online normalizer of streaming softmax).
 *
 * <p>{@link #value()} has the special cases and the accuracy of {@link LogSumExp#of(double[])} on the same
 * numbers: no values, or only negative infinities, give negative infinity; a NaN gives NaN; otherwise a
 * positive infinity gives positive infinity; for finite values the result is within 1 ulp of the exact
 * result (of {@code |m|} when the result cancels). The rescalings add a relative error below
 * {@code 2^-80 n} for {@code n} values, which stays far below an ulp for any stream that fits in memory
 * many times over.
 *
 * <p>{@link #merge} is commutative ({@code a.merge(b)} and {@code b.merge(a)} reach the same state, bit for
 * bit) and associative up to rounding (every grouping is within the accuracy above), so an accumulator
 * serves as the combiner of a parallel stream or a map-reduce:
 * <pre>{@code
 * double lse = values.parallel().collect(
 *         LogSumExpAccumulator::new, LogSumExpAccumulator::add, LogSumExpAccumulator::merge).value();
 * }</pre>
 *
 * <p>An accumulator is not thread-safe: give each thread its own and merge them. Each {@link #add} costs
 * about as much as one corrected exponential (a few tens of nanoseconds).
 *
 * @since 0.1.0
 */
public final class LogSumExpAccumulator {
    private final LogSumExpState state = new LogSumExpState();

    /** Creates an empty accumulator, whose {@link #value()} is negative infinity. */
    public LogSumExpAccumulator() {}

    /**
     * Adds {@code exp(x)} to the sum.
     *
     * @param x the value
     * @return this accumulator
     */
    public LogSumExpAccumulator add(double x) {
        state.add(x);
        return this;
    }

    /**
     * Adds {@code exp(x[j])} for every element of {@code x}, in order.
     *
     * @param x the values
     * @return this accumulator
     * @throws NullPointerException if {@code x} is null
     */
    public LogSumExpAccumulator addAll(double[] x) {
        Objects.requireNonNull(x, "x must not be null");
        for (double v : x) {
            state.add(v);
        }
        return this;
    }

    /**
     * Adds everything {@code other} has accumulated; {@code other} is unchanged (unless it is this
     * accumulator, which then holds every value twice).
     *
     * @param other the accumulator to merge into this one
     * @return this accumulator
     * @throws NullPointerException if {@code other} is null
     */
    public LogSumExpAccumulator merge(LogSumExpAccumulator other) {
        Objects.requireNonNull(other, "other must not be null");
        state.merge(other.state);
        return this;
    }

    /**
     * Returns the number of values added, including those merged in.
     *
     * @return the number of values
     */
    public long count() {
        return state.count();
    }

    /**
     * Returns {@code log sum_j exp(u_j)} over the values so far, with the special cases and accuracy stated
     * in the {@linkplain LogSumExpAccumulator class description}.
     *
     * @return the log-sum-exp of the values so far
     */
    public double value() {
        return state.value();
    }

    @Override
    public String toString() {
        return "LogSumExpAccumulator[count=" + count() + ", value=" + value() + "]";
    }
}
