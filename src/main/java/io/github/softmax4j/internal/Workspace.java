package io.github.softmax4j.internal;

/**
 * What one call of a kernel works in, one per thread so that the kernels allocate nothing per call: a chunk
 * of exponentials that stays in the L1 cache, and the double-double scalars of the computation.
 */
final class Workspace {
    /** Entries per chunk: 4 KiB of doubles. */
    static final int CHUNK = 512;

    private static final ThreadLocal<Workspace> CURRENT = ThreadLocal.withInitial(Workspace::new);

    /** One chunk of the vector kernel's exponentials; its contents are undefined between calls. */
    final double[] chunk = new double[CHUNK];
    /** {@code s}, the sum of the exponentials other than the maximal one. */
    final DoubleDouble sum = new DoubleDouble();
    /** {@code log1p(s)}. */
    final DoubleDouble log = new DoubleDouble();
    /** {@code 1 / (1 + s)}, and {@code 1 + s} before it. */
    final DoubleDouble inverse = new DoubleDouble();
    /** {@code sum(p)}. */
    final DoubleDouble weight = new DoubleDouble();
    /** {@code sum_j p_j (m - u_j)}. */
    final DoubleDouble gaps = new DoubleDouble();
    /** A product of two of the above. */
    final DoubleDouble product = new DoubleDouble();
    /** The logarithm of one term, in {@link ScalarKernel#correctedExpSum}. */
    final DoubleDouble term = new DoubleDouble();

    private Workspace() {}

    /** Returns this thread's workspace. */
    static Workspace get() {
        return CURRENT.get();
    }
}
