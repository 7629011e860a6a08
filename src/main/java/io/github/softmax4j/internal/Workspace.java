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

    /** The running sum of one block of rows' losses. */
    final DoubleDouble block = new DoubleDouble();
    /** The arrays of this thread's current sequential batch call; released (nulled) when it returns. */
    final Batch.Rows rows = new Batch.Rows();
    /** Row buffers of the batch methods, grown to the longest row seen by this thread. */
    private double[] rowA = new double[0];
    private double[] rowB = new double[0];
    private double[] rowC = new double[0];
    private double[] rowD = new double[0];

    private Workspace() {}

    private static double[] atLeast(double[] buffer, int n) {
        return buffer.length < n ? new double[n] : buffer;
    }

    /** This thread's first row buffer, at least {@code n} long; its contents are undefined. */
    double[] rowA(int n) {
        return rowA = atLeast(rowA, n);
    }

    /** This thread's second row buffer, at least {@code n} long; its contents are undefined. */
    double[] rowB(int n) {
        return rowB = atLeast(rowB, n);
    }

    /** This thread's third row buffer, at least {@code n} long; its contents are undefined. */
    double[] rowC(int n) {
        return rowC = atLeast(rowC, n);
    }

    /** This thread's fourth row buffer, at least {@code n} long; its contents are undefined. */
    double[] rowD(int n) {
        return rowD = atLeast(rowD, n);
    }

    /** Returns this thread's workspace. */
    static Workspace get() {
        return CURRENT.get();
    }
}
