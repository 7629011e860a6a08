package io.github.softmax4j.internal;

/**
 * A per-thread buffer for one chunk of exponentials, so that the kernels allocate nothing per call and work
 * on data that stays in the L1 cache.
 */
final class Scratch {
    private Scratch() {}

    /** Entries per chunk: 4 KiB of doubles. */
    static final int CHUNK = 512;

    private static final ThreadLocal<double[]> BUFFER = ThreadLocal.withInitial(() -> new double[CHUNK]);

    /** Returns this thread's buffer of {@link #CHUNK} entries; its contents are undefined. */
    static double[] get() {
        return BUFFER.get();
    }
}
