package io.github.softmax4j;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.softmax4j.Cases.Regime;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The batch methods against the single-vector methods row by row, bit for bit, in every layout, and on
 * executors against the calling thread, bit for bit.
 */
class BatchTest {
    private static ExecutorService pool;

    @BeforeAll
    static void startPool() {
        pool = Executors.newFixedThreadPool(3);
    }

    @AfterAll
    static void stopPool() {
        pool.shutdownNow();
    }

    static LongStream seeds() {
        return Cases.seeds(40);
    }

    /** A batch of {@code rows} rows, each a case of a regime that the seed and row pick. */
    record Batch(int rows, int classes, double[] u, double[][] uRows, double[] p, double[][] pRows, int[] labels) {}

    static Batch batch(long seed, int rows, int classes) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] u = new double[rows * classes];
        double[][] uRows = new double[rows][];
        double[] p = new double[rows * classes];
        double[][] pRows = new double[rows][];
        int[] labels = new int[rows];
        Regime[] regimes = Regime.values();
        for (int i = 0; i < rows; i++) {
            Cases.Case c = Cases.of(seed * 1000 + i, regimes[r.nextInt(regimes.length)], classes, classes);
            uRows[i] = c.u();
            pRows[i] = c.p();
            labels[i] = c.label();
            System.arraycopy(c.u(), 0, u, i * classes, classes);
            System.arraycopy(c.p(), 0, p, i * classes, classes);
        }
        return new Batch(rows, classes, u, uRows, p, pRows, labels);
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void softmaxLogSoftmaxAndLogSumExpRowsAreTheSingleVectorResults(long seed) {
        Batch b = batch(seed, 1 + (int) (seed % 7) * 31, 1 + (int) (seed % 5) * 9);
        double[] soft = Softmax.rows(b.u(), b.classes(), new double[b.u().length]);
        double[] log = Softmax.logRows(b.u(), b.classes(), new double[b.u().length]);
        double[] lse = LogSumExp.rows(b.u(), b.classes(), new double[b.rows()]);
        double[][] soft2 = Softmax.rows(b.uRows(), zeros(b.rows(), b.classes()));
        double[][] log2 = Softmax.logRows(b.uRows(), zeros(b.rows(), b.classes()));
        double[] lse2 = LogSumExp.rows(b.uRows(), new double[b.rows()]);
        for (int i = 0; i < b.rows(); i++) {
            double[] row = b.uRows()[i];
            assertThat(slice(soft, i, b.classes())).as("softmax row %d", i).isEqualTo(Softmax.of(row));
            assertThat(soft2[i]).isEqualTo(Softmax.of(row));
            assertThat(slice(log, i, b.classes())).as("log-softmax row %d", i).isEqualTo(Softmax.log(row));
            assertThat(log2[i]).isEqualTo(Softmax.log(row));
            assertThat(lse[i]).as("LSE row %d", i).isEqualTo(LogSumExp.of(row));
            assertThat(lse2[i]).isEqualTo(LogSumExp.of(row));
        }
    }

    @Test
    void rowsOnAnExecutorAreTheRowsOnTheCallingThread() {
        Batch b = batch(7, 1000, 13);
        double[] soft = Softmax.rows(b.u(), 13, new double[b.u().length]);
        double[] log = Softmax.logRows(b.u(), 13, new double[b.u().length]);
        double[] lse = LogSumExp.rows(b.u(), 13, new double[b.rows()]);
        assertThat(Softmax.rows(b.u(), 13, new double[b.u().length], pool)).isEqualTo(soft);
        assertThat(Softmax.logRows(b.u(), 13, new double[b.u().length], ForkJoinPool.commonPool())).isEqualTo(log);
        assertThat(LogSumExp.rows(b.u(), 13, new double[b.rows()], pool)).isEqualTo(lse);
        double[] inPlace = b.u().clone();
        assertThat(Softmax.rows(inPlace, 13, inPlace, pool)).isEqualTo(soft);
        // a batch of one block runs on the calling thread, executor or not
        Batch small = batch(8, 10, 5);
        assertThat(LogSumExp.rows(small.u(), 5, new double[10], pool))
                .isEqualTo(LogSumExp.rows(small.u(), 5, new double[10]));
        assertThat(Softmax.logRows(small.u(), 5, new double[50], pool))
                .isEqualTo(Softmax.logRows(small.u(), 5, new double[50]));
        CrossEntropyOptions onPool = CrossEntropyOptions.defaults().withExecutor(pool);
        assertThat(SoftmaxCrossEntropy.rows(small.labels(), small.u(), 5, onPool, null, null))
                .isEqualTo(SoftmaxCrossEntropy.rows(small.labels(), small.u(), 5, CrossEntropyOptions.defaults(), null, null));
    }

    /**
     * The SUM is the row losses' sum rounded once: compensated within each block of 64 rows and across
     * blocks. The MEAN divides it by the compensated sum of the rows' class weights. Losses from 1e-9 to 1e6
     * and weights of 1 and 1e-17 make a plain sum visibly wrong.
     */
    @Test
    void reducedValuesSumTheRowLossesOnce() {
        SplittableRandom r = new SplittableRandom(32);
        int rows = 20 * 64 + 5;
        double[] u = new double[3 * rows];
        int[] labels = new int[rows];
        for (int i = 0; i < rows; i++) {
            double scale = Math.pow(10, r.nextInt(-9, 7));
            for (int j = 0; j < 3; j++) {
                u[3 * i + j] = r.nextDouble(-1, 1) * (j == 0 ? 1 : 0) + (j == 0 ? 20 : 0);
            }
            labels[i] = r.nextInt(3);
            // a loss of about scale: the true class is behind the maximum by that much, or the maximum itself
            u[3 * i + labels[i]] = 20 - scale;
        }
        for (Executor executor : new Executor[] {null, pool}) {
            CrossEntropyOptions sum = CrossEntropyOptions.defaults().withReduction(CrossEntropyOptions.Reduction.SUM)
                    .withExecutor(executor);
            double[] losses = new double[rows];
            double total = SoftmaxCrossEntropy.rows(labels, u, 3, sum, losses, null);
            java.math.BigDecimal exact = java.math.BigDecimal.ZERO;
            for (double loss : losses) {
                exact = exact.add(new java.math.BigDecimal(loss));
            }
            assertThat(new java.math.BigDecimal(total).subtract(exact).abs().doubleValue())
                    .isLessThanOrEqualTo(0.5 * Math.ulp(total) * (1 + 0x1p-40));
            double[] weights = {1, 1e-17, 1e-17};
            double[] weighted = new double[rows];
            double mean = SoftmaxCrossEntropy.rows(labels, u, 3, CrossEntropyOptions.defaults().withClassWeights(weights)
                    .withExecutor(executor), weighted, null);
            java.math.BigDecimal numerator = java.math.BigDecimal.ZERO;
            java.math.BigDecimal divisor = java.math.BigDecimal.ZERO;
            for (int i = 0; i < rows; i++) {
                numerator = numerator.add(new java.math.BigDecimal(weighted[i]));
                divisor = divisor.add(new java.math.BigDecimal(weights[labels[i]]));
            }
            double want = numerator.divide(divisor, java.math.MathContext.DECIMAL128).doubleValue();
            // the sum, the divisor and the division each round once: 2^-53 relative each
            assertThat(mean).isCloseTo(want, org.assertj.core.data.Offset.offset(3 * 0x1p-53 * want));
        }
    }

    /**
     * One block's low part matters when that block dominates the sum: its rows' losses near 1e6, the other
     * blocks' near 1e-9. The SUM is still the row losses' sum rounded once, on the calling thread and on an
     * executor; and a MEAN whose divisor is dominated by one class weight keeps the others' share.
     */
    @Test
    void aDominantBlockKeepsItsLowPart() {
        SplittableRandom r = new SplittableRandom(33);
        int rows = 5 * 64;
        for (int rep = 0; rep < 24; rep++) {
            double[] u = new double[2 * rows];
            int[] labels = new int[rows];
            int big = r.nextInt(5);
            for (int i = 0; i < rows; i++) {
                // label 1 behind logit 0 by the row's loss scale
                double gap = i / 64 == big ? r.nextDouble(1e5, 1e6) : r.nextDouble(1e-9, 1e-8);
                u[2 * i] = r.nextDouble(-1, 1);
                u[2 * i + 1] = u[2 * i] - gap;
                labels[i] = 1;
            }
            for (Executor executor : new Executor[] {null, pool}) {
                double[] losses = new double[rows];
                double total = SoftmaxCrossEntropy.rows(labels, u, 2, CrossEntropyOptions.defaults()
                        .withReduction(CrossEntropyOptions.Reduction.SUM).withExecutor(executor), losses, null);
                java.math.BigDecimal exact = java.math.BigDecimal.ZERO;
                for (double loss : losses) {
                    exact = exact.add(new java.math.BigDecimal(loss));
                }
                assertThat(new java.math.BigDecimal(total).subtract(exact).abs().doubleValue()).as("rep %d", rep)
                        .isLessThanOrEqualTo(0.5 * Math.ulp(total) * (1 + 0x1p-40));
            }
            // the mean over weights 1 + 0.3 * 2^-53 per row: a plain sum of the divisor would drop the small parts
            double[] weights = {1, 1 + 0x1p-52 * r.nextInt(1, 4)};
            double[] weighted = new double[rows];
            double mean = SoftmaxCrossEntropy.rows(labels, u, 2, CrossEntropyOptions.defaults().withClassWeights(weights),
                    weighted, null);
            java.math.BigDecimal numerator = java.math.BigDecimal.ZERO;
            for (double loss : weighted) {
                numerator = numerator.add(new java.math.BigDecimal(loss));
            }
            java.math.BigDecimal divisor = new java.math.BigDecimal(weights[1]).multiply(java.math.BigDecimal.valueOf(rows));
            double want = numerator.divide(divisor, java.math.MathContext.DECIMAL128).doubleValue();
            // the sum, the divisor and the division each round once: 2^-53 relative each
            assertThat(mean).as("rep %d", rep).isCloseTo(want, org.assertj.core.data.Offset.offset(3 * 0x1p-53 * want));
        }
    }

    /**
     * One block (64 rows) runs on the calling thread; more are {@code min(blocks, 4 * processors)} tasks on the
     * executor, and every row is computed.
     */
    @Test
    void blocksOfRowsAreTasksOnTheExecutor() {
        AtomicInteger tasks = new AtomicInteger();
        Executor counting = task -> {
            tasks.incrementAndGet();
            task.run();
        };
        int processors = Runtime.getRuntime().availableProcessors();
        for (int rows : new int[] {1, 64, 65, 128, 129, 20 * 64}) {
            int blocks = (rows + 63) / 64;
            int expected = blocks == 1 ? 0 : Math.min(blocks, 4 * processors);
            Batch b = batch(rows, rows, 3);
            double[] lse = new double[rows];
            Arrays.fill(lse, Double.NaN);
            double[] soft = new double[3 * rows];
            double[] log = new double[3 * rows];
            tasks.set(0);
            LogSumExp.rows(b.u(), 3, lse, counting);
            assertThat(tasks.get()).as("LSE tasks for %d rows", rows).isEqualTo(expected);
            tasks.set(0);
            Softmax.rows(b.u(), 3, soft, counting);
            assertThat(tasks.get()).as("softmax tasks for %d rows", rows).isEqualTo(expected);
            tasks.set(0);
            Softmax.logRows(b.u(), 3, log, counting);
            assertThat(tasks.get()).as("log-softmax tasks for %d rows", rows).isEqualTo(expected);
            tasks.set(0);
            double[] losses = new double[rows];
            double loss = SoftmaxCrossEntropy.rows(b.labels(), b.u(), 3,
                    CrossEntropyOptions.defaults().withExecutor(counting), losses, null);
            assertThat(tasks.get()).as("loss tasks for %d rows", rows).isEqualTo(expected);
            assertThat(loss).isEqualTo(SoftmaxCrossEntropy.rows(b.labels(), b.u(), 3, CrossEntropyOptions.defaults(),
                    null, null));
            for (int i = 0; i < rows; i++) {
                double[] row = Arrays.copyOfRange(b.u(), 3 * i, 3 * i + 3);
                assertThat(lse[i]).isEqualTo(LogSumExp.of(row));
                assertThat(Arrays.copyOfRange(soft, 3 * i, 3 * i + 3)).isEqualTo(Softmax.of(row));
                assertThat(Arrays.copyOfRange(log, 3 * i, 3 * i + 3)).isEqualTo(Softmax.log(row));
                assertThat(losses[i]).isEqualTo(SoftmaxCrossEntropy.value(b.labels()[i], row));
            }
        }
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void plainCrossEntropyRowsAreTheSingleVectorResults(long seed) {
        Batch b = batch(seed, 1 + (int) (seed % 9) * 23, 1 + (int) (seed % 4) * 11);
        int k = b.classes();
        CrossEntropyOptions sum = CrossEntropyOptions.defaults().withReduction(CrossEntropyOptions.Reduction.SUM);
        double[] losses = new double[b.rows()];
        double[] grad = new double[b.u().length];
        double value = SoftmaxCrossEntropy.rows(b.labels(), b.u(), k, sum, losses, grad);
        double[] tLosses = new double[b.rows()];
        double[] tGrad = new double[b.u().length];
        double tValue = SoftmaxCrossEntropy.rows(b.p(), b.u(), k, sum, tLosses, tGrad);
        double[] expected = new double[b.rows()];
        double[] tExpected = new double[b.rows()];
        for (int i = 0; i < b.rows(); i++) {
            double[] g = new double[k];
            expected[i] = SoftmaxCrossEntropy.valueAndGradient(b.labels()[i], b.uRows()[i], g);
            assertThat(losses[i]).as("row %d", i).isEqualTo(expected[i]);
            assertThat(slice(grad, i, k)).as("gradient row %d", i).isEqualTo(g);
            tExpected[i] = SoftmaxCrossEntropy.valueAndGradient(b.pRows()[i], b.uRows()[i], g);
            assertThat(tLosses[i]).as("target row %d", i).isEqualTo(tExpected[i]);
            assertThat(slice(tGrad, i, k)).as("target gradient row %d", i).isEqualTo(g);
        }
        assertThat(value).isEqualTo(blockSum(expected));
        assertThat(tValue).isEqualTo(blockSum(tExpected));
        // the mean: the same sum divided once, the gradient divided once per entry
        double[] meanGrad = new double[b.u().length];
        double mean = SoftmaxCrossEntropy.rows(b.labels(), b.u(), k, CrossEntropyOptions.defaults(), null, meanGrad);
        assertThat(mean).isEqualTo(blockSum(expected) / b.rows());
        for (int j = 0; j < grad.length; j++) {
            assertThat(meanGrad[j]).isEqualTo(grad[j] / b.rows());
        }
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void crossEntropyWithOptionsIsTheSameInEveryLayoutAndOnEveryExecutor(long seed) {
        Batch b = batch(seed, 130 + (int) seed, 6);
        SplittableRandom r = new SplittableRandom(seed);
        CrossEntropyOptions options = CrossEntropyOptions.defaults()
                .withClassWeights(new double[] {0.5, 1, 2, 0.25, 1.5, 3})
                .withIgnoredLabel(r.nextInt(6))
                .withLabelSmoothing(seed % 2 == 0 ? 0.1 : 0.0)
                .withTemperature(seed % 3 == 0 ? 1.0 : 0.7)
                .withReduction(seed % 4 == 0 ? CrossEntropyOptions.Reduction.SUM : CrossEntropyOptions.Reduction.MEAN);
        double[] losses = new double[b.rows()];
        double[] grad = new double[b.u().length];
        double value = SoftmaxCrossEntropy.rows(b.labels(), b.u(), 6, options, losses, grad);

        double[] losses2 = new double[b.rows()];
        double[][] grad2 = zeros(b.rows(), 6);
        assertThat(SoftmaxCrossEntropy.rows(b.labels(), b.uRows(), options, losses2, grad2)).isEqualTo(value);
        assertThat(losses2).isEqualTo(losses);
        for (int i = 0; i < b.rows(); i++) {
            assertThat(grad2[i]).isEqualTo(slice(grad, i, 6));
        }
        double[] losses3 = new double[b.rows()];
        double[] grad3 = new double[b.u().length];
        assertThat(SoftmaxCrossEntropy.rows(b.labels(), b.u(), 6, options.withExecutor(pool), losses3, grad3))
                .isEqualTo(value);
        assertThat(losses3).isEqualTo(losses);
        assertThat(grad3).isEqualTo(grad);
        double[] inPlace = b.u().clone();
        assertThat(SoftmaxCrossEntropy.rows(b.labels(), inPlace, 6, options.withExecutor(ForkJoinPool.commonPool()),
                null, inPlace)).isEqualTo(value);
        assertThat(inPlace).isEqualTo(grad);
        assertThat(SoftmaxCrossEntropy.rows(b.labels(), b.u(), 6, options, null, null)).isEqualTo(value);

        double[] tLosses = new double[b.rows()];
        double[] tGrad = new double[b.u().length];
        double tValue = SoftmaxCrossEntropy.rows(b.p(), b.u(), 6, options, tLosses, tGrad);
        double[][] tGrad2 = zeros(b.rows(), 6);
        assertThat(SoftmaxCrossEntropy.rows(b.pRows(), b.uRows(), options.withExecutor(pool), null, tGrad2))
                .isEqualTo(tValue);
        for (int i = 0; i < b.rows(); i++) {
            assertThat(tGrad2[i]).isEqualTo(slice(tGrad, i, 6));
        }
    }

    /** The reduction's order: compensated sums of blocks of 64 rows, combined in order. */
    static double blockSum(double[] losses) {
        double th = 0;
        double tl = 0;
        for (int b = 0; b * 64 < Math.max(1, losses.length); b++) {
            double h = 0;
            double l = 0;
            for (int i = b * 64; i < Math.min(losses.length, (b + 1) * 64); i++) {
                double s = h + losses[i];
                l += Double.isFinite(s) ? twoSumError(h, losses[i], s) : 0.0;
                h = s;
            }
            double hs = h + (Double.isFinite(h) ? l : 0.0);
            double ls = Double.isFinite(hs) ? l - (hs - h) : 0.0;
            double s = th + hs;
            tl += twoSumError(th, hs, s) + ls;
            th = s;
        }
        return Double.isFinite(th) ? th + tl : th;
    }

    private static double twoSumError(double a, double b, double s) {
        double bv = s - a;
        return (a - (s - bv)) + (b - bv);
    }

    static double[] slice(double[] x, int row, int classes) {
        return java.util.Arrays.copyOfRange(x, row * classes, (row + 1) * classes);
    }

    static double[][] zeros(int rows, int classes) {
        return new double[rows][classes];
    }
}
