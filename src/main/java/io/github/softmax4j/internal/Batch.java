package io.github.softmax4j.internal;

import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;

/**
 * The kernel's operations row by row over a batch, in a flat row-major array ({@code rows x classes}) or an
 * array of rows, on the calling thread or on an executor. Each row is computed by the same single-vector
 * code, and the loss over rows is summed in fixed blocks of {@link #BLOCK} rows, combined in order, so that
 * the result does not depend on the executor or the number of threads: it is the same, bit for bit.
 */
public final class Batch {
    private Batch() {}

    /** Rows per block of the loss's sum and per task on an executor. */
    static final int BLOCK = 64;

    /** Writes the softmax (or log-softmax) of each row of {@code u} to the same row of {@code out}. */
    public static void softmaxRows(double[] u, double[] out, int rows, int classes, boolean log, Executor executor) {
        if (executor == null || rows <= BLOCK) {
            softmaxRows(u, out, 0, rows, classes, log);
        } else {
            run(blocks(rows), executor, b -> {
                int from = b * BLOCK;
                softmaxRows(u, out, from, Math.min(rows, from + BLOCK), classes, log);
            });
        }
    }

    private static void softmaxRows(double[] u, double[] out, int from, int to, int classes, boolean log) {
        SoftmaxKernel kernel = Kernels.get();
        for (int i = from; i < to; i++) {
            if (log) {
                kernel.logSoftmax(u, i * classes, out, i * classes, classes);
            } else {
                kernel.softmax(u, i * classes, out, i * classes, classes);
            }
        }
    }

    /** Writes the log-sum-exp of each row of {@code u} to {@code out[row]}. */
    public static void logSumExpRows(double[] u, double[] out, int rows, int classes, Executor executor) {
        if (executor == null || rows <= BLOCK) {
            logSumExpRows(u, out, 0, rows, classes);
        } else {
            run(blocks(rows), executor, b -> {
                int from = b * BLOCK;
                logSumExpRows(u, out, from, Math.min(rows, from + BLOCK), classes);
            });
        }
    }

    private static void logSumExpRows(double[] u, double[] out, int from, int to, int classes) {
        SoftmaxKernel kernel = Kernels.get();
        for (int i = from; i < to; i++) {
            out[i] = kernel.logSumExp(u, i * classes, (i + 1) * classes);
        }
    }

    /**
     * Returns the cross-entropy over a batch, summed or averaged as {@code spec} says, and writes each row's
     * loss to {@code losses} and the gradient of the returned value to the gradient rows (each when not
     * null). Exactly one of {@code labels} and the targets ({@code pFlat} or {@code pRows}) is given; the
     * logits and gradients are either flat (row {@code i} at offset {@code i * classes}) or rows. Arguments
     * are validated: labels are in range or ignored, lengths match, a gradient is not a target.
     */
    public static double crossEntropy(int[] labels, double[] pFlat, double[][] pRows, double[] uFlat, double[][] uRows,
            int rows, int classes, LossSpec spec, double[] losses, double[] gFlat, double[][] gRows) {
        return crossEntropy(labels, pFlat, pRows, null, uFlat, uRows, null, rows, classes, spec, losses, null, gFlat, gRows,
                null);
    }

    /**
     * {@link #crossEntropy(int[], double[], double[][], double[], double[][], int, int, LossSpec, double[], double[],
     * double[][])} over flat {@code float[]} rows: each row widened to double, its losses and gradient rounded to
     * float once.
     */
    public static double crossEntropy(int[] labels, float[] p, float[] u, int rows, int classes, LossSpec spec,
            float[] losses, float[] g) {
        return crossEntropy(labels, null, null, p, null, null, u, rows, classes, spec, null, losses, null, null, g);
    }

    private static double crossEntropy(int[] labels, double[] pFlat, double[][] pRows, float[] pFloat, double[] uFlat,
            double[][] uRows, float[] uFloat, int rows, int classes, LossSpec spec, double[] losses, float[] lossesFloat,
            double[] gFlat, double[][] gRows, float[] gFloat) {
        double sum = !spec.mean ? 1.0 : labels == null ? rows : labelWeightSum(labels, rows, spec, 1.0);
        // weights near the largest double may overflow their sum: then the divisor is taken at 2^-64, and so
        // is what it divides (exact, but for entries that become subnormal)
        double scale = sum == Double.POSITIVE_INFINITY ? 0x1p-64 : 1.0;
        double divisor = scale == 1.0 ? sum : labelWeightSum(labels, rows, spec, scale);
        // nothing counted under the mean: the value is 0, and so is its gradient
        boolean none = divisor == 0;
        double[] gf = none ? null : gFlat;
        double[][] gr = none ? null : gRows;
        float[] gfl = none ? null : gFloat;
        int blocks = blocks(rows);
        double th = 0;
        double tl = 0;
        if (spec.executor == null || blocks == 1) {
            Workspace w = Workspace.get();
            Rows r = w.rows.set(labels, pFlat, pRows, pFloat, uFlat, uRows, uFloat, losses, lossesFloat, gf, gr, gfl);
            try {
                for (int b = 0; b < blocks; b++) { // a block past the last has no rows and adds 0
                    DoubleDouble s = block(b, r, rows, classes, spec, divisor, scale, w);
                    double h = th + s.hi;
                    tl += ErrorFree.twoSumError(th, s.hi, h) + s.lo;
                    th = h;
                }
            } finally {
                r.set(null, null, null, null, null, null, null, null, null, null, null, null); // keep no caller's array
            }
        } else {
            double[] partial = new double[2 * blocks];
            Rows r = new Rows().set(labels, pFlat, pRows, pFloat, uFlat, uRows, uFloat, losses, lossesFloat, gf, gr, gfl);
            run(blocks, spec.executor, b -> {
                DoubleDouble s = block(b, r, rows, classes, spec, divisor, scale, Workspace.get());
                partial[2 * b] = s.hi;
                partial[2 * b + 1] = s.lo;
            });
            for (int b = 0; b < blocks; b++) {
                double h = th + partial[2 * b];
                tl += ErrorFree.twoSumError(th, partial[2 * b], h) + partial[2 * b + 1];
                th = h;
            }
        }
        if (none) {
            if (gFlat != null) {
                Arrays.fill(gFlat, 0, rows * classes, 0.0);
            }
            if (gRows != null) {
                for (int i = 0; i < rows; i++) {
                    Arrays.fill(gRows[i], 0.0);
                }
            }
            if (gFloat != null) {
                Arrays.fill(gFloat, 0, rows * classes, 0.0f);
            }
            return 0.0;
        }
        double total = Double.isFinite(th) ? th + tl : th;
        return spec.mean ? total * scale / divisor : total;
    }

    /** {@code sum w[label]} (or the count) over the rows not ignored: the divisor of the mean. */
    private static double labelWeightSum(int[] labels, int rows, LossSpec spec, double scale) {
        double h = 0;
        double l = 0;
        for (int i = 0; i < rows; i++) {
            if (spec.ignores(labels[i])) {
                continue;
            }
            double wy = (spec.weights == null ? 1.0 : spec.weights[labels[i]]) * scale;
            double s = h + wy;
            l += ErrorFree.twoSumError(h, wy, s);
            h = s;
        }
        return Double.isFinite(h) ? h + l : h;
    }

    /**
     * The arrays of one batch call: labels or targets, logits, losses and gradients, each in one of its
     * layouts (flat double, rows of double, flat float) or absent. The calling thread's workspace holds one,
     * reused by every sequential call; a call on an executor makes its own, which the tasks share.
     */
    static final class Rows {
        int[] labels;
        double[] pFlat;
        double[][] pRows;
        float[] pFloat;
        double[] uFlat;
        double[][] uRows;
        float[] uFloat;
        double[] losses;
        float[] lossesFloat;
        double[] gFlat;
        double[][] gRows;
        float[] gFloat;

        Rows set(int[] labels, double[] pFlat, double[][] pRows, float[] pFloat, double[] uFlat, double[][] uRows,
                float[] uFloat, double[] losses, float[] lossesFloat, double[] gFlat, double[][] gRows, float[] gFloat) {
            this.labels = labels;
            this.pFlat = pFlat;
            this.pRows = pRows;
            this.pFloat = pFloat;
            this.uFlat = uFlat;
            this.uRows = uRows;
            this.uFloat = uFloat;
            this.losses = losses;
            this.lossesFloat = lossesFloat;
            this.gFlat = gFlat;
            this.gRows = gRows;
            this.gFloat = gFloat;
            return this;
        }
    }

    /** Computes block {@code b} of rows; returns the compensated sum of their losses in {@code w.block}. */
    private static DoubleDouble block(int b, Rows r, int rows, int classes, LossSpec spec, double divisor,
            double divisorScale, Workspace w) {
        double h = 0;
        double l = 0;
        int from = b * BLOCK;
        for (int i = from; i < Math.min(rows, from + BLOCK); i++) {
            int off = i * classes;
            double[] u;
            int uOff;
            double[] g;
            int gOff;
            if (r.uFloat != null) {
                // widened into a buffer, which also takes the gradient in place
                u = w.rowC(classes);
                for (int j = 0; j < classes; j++) {
                    u[j] = r.uFloat[off + j];
                }
                uOff = 0;
                g = r.gFloat != null ? u : null;
                gOff = 0;
            } else {
                u = r.uFlat != null ? r.uFlat : r.uRows[i];
                uOff = r.uFlat != null ? off : 0;
                g = r.gFlat != null ? r.gFlat : r.gRows != null ? r.gRows[i] : null;
                gOff = r.gFlat != null ? off : 0;
            }
            double loss;
            if (r.labels != null) {
                loss = labelRow(r.labels[i], u, uOff, g, gOff, classes, spec, divisor, divisorScale, w);
            } else if (r.pFloat != null) {
                double[] p = w.rowD(classes);
                for (int j = 0; j < classes; j++) {
                    p[j] = r.pFloat[off + j];
                }
                loss = targetRow(p, 0, u, uOff, g, gOff, classes, spec, divisor, divisorScale, w);
            } else {
                double[] p = r.pFlat != null ? r.pFlat : r.pRows[i];
                int pOff = r.pFlat != null ? off : 0;
                loss = targetRow(p, pOff, u, uOff, g, gOff, classes, spec, divisor, divisorScale, w);
            }
            if (r.gFloat != null) {
                for (int j = 0; j < classes; j++) {
                    r.gFloat[off + j] = (float) g[j];
                }
            }
            if (r.losses != null) {
                r.losses[i] = loss;
            }
            if (r.lossesFloat != null) {
                r.lossesFloat[i] = (float) loss;
            }
            double s = h + loss;
            l += Double.isFinite(s) ? ErrorFree.twoSumError(h, loss, s) : 0.0;
            h = s;
        }
        return w.block.set(h, Double.isFinite(h) ? l : 0.0);
    }

    /**
     * One row with a label: 0 (and a zero gradient) if it is ignored; the kernel's label form when no option
     * changes the target; otherwise the target {@code q_k = (eps / K) w_k + [k == y] (1 - eps) w_y}, formed in
     * double, with the kernel's target form.
     */
    static double labelRow(int y, double[] u, int uOff, double[] g, int gOff, int classes, LossSpec spec,
            double divisor, double divisorScale, Workspace w) {
        if (spec.ignores(y)) {
            if (g != null) {
                Arrays.fill(g, gOff, gOff + classes, 0.0);
            }
            return 0.0;
        }
        double[] z = scaledLogits(u, uOff, g, gOff, classes, spec, w);
        int zOff = z == u ? uOff : z == g ? gOff : 0;
        double loss;
        if (spec.weights == null && spec.smoothing == 0) {
            loss = Kernels.get().crossEntropy(y, z, zOff, g, gOff, classes);
        } else {
            double[] q = w.rowA(classes);
            double a = spec.smoothing / classes;
            double[] wt = spec.weights;
            for (int k = 0; k < classes; k++) {
                q[k] = wt == null ? a : a * wt[k];
            }
            q[y] += (1 - spec.smoothing) * (wt == null ? 1.0 : wt[y]);
            loss = Kernels.get().crossEntropy(q, 0, z, zOff, g, gOff, classes);
        }
        finishGradient(g, gOff, classes, spec, divisor, divisorScale);
        return loss;
    }

    /** One row with target weights {@code p}: {@code q_k = w_k ((1 - eps) p_k + eps / K)}, formed in double. */
    static double targetRow(double[] p, int pOff, double[] u, int uOff, double[] g, int gOff, int classes, LossSpec spec,
            double divisor, double divisorScale, Workspace w) {
        double[] z = scaledLogits(u, uOff, g, gOff, classes, spec, w);
        int zOff = z == u ? uOff : z == g ? gOff : 0;
        double[] q = p;
        int qOff = pOff;
        // without weights or smoothing the loop below would copy p unchanged: skipped, not needed
        if (spec.weights != null || spec.smoothing != 0) {
            q = w.rowA(classes);
            qOff = 0;
            double eps = spec.smoothing;
            double a = eps / classes;
            for (int k = 0; k < classes; k++) {
                double t = eps == 0 ? p[pOff + k] : (1 - eps) * p[pOff + k] + a;
                q[k] = spec.weights == null ? t : spec.weights[k] * t;
            }
        }
        double loss = Kernels.get().crossEntropy(q, qOff, z, zOff, g, gOff, classes);
        finishGradient(g, gOff, classes, spec, divisor, divisorScale);
        return loss;
    }

    /**
     * The logits the row's loss is taken of: {@code u} itself at temperature 1; otherwise {@code u_j / T},
     * written to the gradient row (which the kernel may overwrite in place) or, without one, to a buffer.
     */
    private static double[] scaledLogits(double[] u, int uOff, double[] g, int gOff, int classes, LossSpec spec,
            Workspace w) {
        double t = spec.temperature;
        if (t == 1.0) {
            return u;
        }
        double[] z = g != null ? g : w.rowB(classes);
        int zOff = g != null ? gOff : 0;
        for (int j = 0; j < classes; j++) {
            z[zOff + j] = u[uOff + j] / t;
        }
        return z;
    }

    /** The chain rule through {@code u / T}, and the mean's divisor: one division each. */
    private static void finishGradient(double[] g, int gOff, int classes, LossSpec spec, double divisor,
            double divisorScale) {
        if (g == null) {
            return;
        }
        double t = spec.temperature;
        for (int j = gOff; j < gOff + classes; j++) {
            double x = g[j];
            if (t != 1.0) {
                x /= t;
            }
            if (divisor != 1.0) {
                x = x * divisorScale / divisor;
            }
            g[j] = x;
        }
    }

    private static int blocks(int rows) {
        return Math.max(1, (rows + BLOCK - 1) / BLOCK);
    }

    /**
     * Runs {@code block} for {@code 0 <= b < blocks} on {@code executor}, in tasks that take the next block
     * until none is left, and waits for all of them.
     */
    static void run(int blocks, Executor executor, IntConsumer block) {
        int tasks = Math.min(blocks, 4 * Runtime.getRuntime().availableProcessors());
        AtomicInteger next = new AtomicInteger();
        CompletableFuture<?>[] futures = new CompletableFuture<?>[tasks];
        for (int t = 0; t < tasks; t++) {
            futures[t] = CompletableFuture.runAsync(() -> {
                for (int b = next.getAndIncrement(); b < blocks; b = next.getAndIncrement()) {
                    block.accept(b);
                }
            }, executor);
        }
        // the blocks throw nothing for validated arguments; an Error in one arrives wrapped in a
        // CompletionException
        CompletableFuture.allOf(futures).join();
    }
}
