package io.github.softmax4j.internal;

/**
 * The {@code float[]} forms: each row is widened to double (exactly) in a buffer, computed by the double
 * code, and every result rounded to float once, so that each float result is within 1 float ulp of the
 * exact value wherever the double result is within a few double ulps.
 */
public final class Floats {
    private Floats() {}

    private static double[] widen(float[] x, int off, int n, double[] buffer) {
        for (int j = 0; j < n; j++) {
            buffer[j] = x[off + j];
        }
        return buffer;
    }

    private static void narrow(double[] x, float[] out, int off, int n) {
        for (int j = 0; j < n; j++) {
            out[off + j] = (float) x[j];
        }
    }

    /** Softmax or log-softmax of {@code u[off, off + n)} into {@code out[off, off + n)}. */
    public static void softmax(float[] u, float[] out, int off, int n, boolean log) {
        double[] x = widen(u, off, n, Workspace.get().rowC(n));
        if (log) {
            Kernels.get().logSoftmax(x, 0, x, 0, n);
        } else {
            Kernels.get().softmax(x, 0, x, 0, n);
        }
        narrow(x, out, off, n);
    }

    /** Log-sum-exp of {@code u[off, off + n)}. */
    public static float logSumExp(float[] u, int off, int n) {
        double[] x = widen(u, off, n, Workspace.get().rowC(n));
        return (float) Kernels.get().logSumExp(x, 0, n);
    }

    /** Cross-entropy with a label; the gradient to {@code grad} unless it is null (it may be {@code u}). */
    public static float crossEntropy(int label, float[] u, float[] grad) {
        int n = u.length;
        double[] x = widen(u, 0, n, Workspace.get().rowC(n));
        double loss = Kernels.get().crossEntropy(label, x, 0, grad == null ? null : x, 0, n);
        if (grad != null) {
            narrow(x, grad, 0, n);
        }
        return (float) loss;
    }

    /** Cross-entropy with target weights; the gradient to {@code grad} unless it is null (not {@code p}). */
    public static float crossEntropy(float[] p, float[] u, float[] grad) {
        int n = u.length;
        Workspace w = Workspace.get();
        double[] x = widen(u, 0, n, w.rowC(n));
        double[] q = widen(p, 0, n, w.rowB(n));
        double loss = Kernels.get().crossEntropy(q, 0, x, 0, grad == null ? null : x, 0, n);
        if (grad != null) {
            narrow(x, grad, 0, n);
        }
        return (float) loss;
    }
}
