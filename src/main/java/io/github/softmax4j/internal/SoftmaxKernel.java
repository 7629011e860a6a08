package io.github.softmax4j.internal;

/**
 * The numerical core behind the public classes. Arguments are already validated: arrays are non-null,
 * ranges lie inside them, {@code n >= 1} unless stated, and an output array is either distinct from the
 * inputs or the same array at the same offset as the logits.
 *
 * <p>Every implementation gives results within the accuracy contract stated in the public Javadoc, and
 * the special cases stated there exactly.
 */
public interface SoftmaxKernel {

    /** Returns {@code log sum exp(u[from, to))}; {@code from == to} gives {@code -inf}. */
    double logSumExp(double[] u, int from, int to);

    /** Writes softmax of {@code u[uOff, uOff + n)} to {@code out[outOff, outOff + n)}; {@code n >= 0}. */
    void softmax(double[] u, int uOff, double[] out, int outOff, int n);

    /** Writes log-softmax of {@code u[uOff, uOff + n)} to {@code out[outOff, outOff + n)}; {@code n >= 0}. */
    void logSoftmax(double[] u, int uOff, double[] out, int outOff, int n);

    /**
     * Returns {@code LSE(u) - u[label]} over {@code u[uOff, uOff + n)}, {@code 0 <= label < n}, and writes
     * its gradient {@code S(u) - e_label} to {@code grad[gOff, gOff + n)} unless {@code grad} is null.
     */
    double crossEntropy(int label, double[] u, int uOff, double[] grad, int gOff, int n);

    /**
     * Returns {@code sum(p) LSE(u) - <p, u>} over {@code n} entries, and writes its gradient
     * {@code sum(p) S(u) - p} to {@code grad} unless it is null; {@code grad} is not {@code p}.
     */
    double crossEntropy(double[] p, int pOff, double[] u, int uOff, double[] grad, int gOff, int n);
}
