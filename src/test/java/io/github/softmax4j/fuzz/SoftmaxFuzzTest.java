package io.github.softmax4j.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.github.softmax4j.Softmax;

/**
 * {@link Softmax} on any bits, also in place and in batches: only documented exceptions, inputs untouched,
 * NaN-free for finite logits, a distribution that sums to 1 within K ulps.
 */
class SoftmaxFuzzTest {

    @FuzzTest(maxDuration = "10m")
    void softmax(FuzzedDataProvider data) {
        int k = data.consumeInt(0, 40);
        double[] u = Fuzzing.doubles(data, k);
        double[] v = Fuzzing.doubles(data, k);
        double[] uCopy = u.clone();
        double[] vCopy = v.clone();
        double[] s = Softmax.of(u, new double[k]);
        double[] log = Softmax.log(u, new double[k]);
        double[] jv = Softmax.jacobianTimes(u, v, new double[k]);
        double entropy = Double.NaN;
        try {
            entropy = Softmax.entropy(u);
            assertThat(k).isPositive();
        } catch (IllegalArgumentException e) {
            assertThat(k).isZero();
        }
        int classes = data.consumeInt(1, 5);
        try {
            double[] rows = Softmax.rows(u, classes, new double[k]);
            for (int i = 0; i < k / classes; i++) {
                double[] row = java.util.Arrays.copyOfRange(u, i * classes, (i + 1) * classes);
                assertThat(java.util.Arrays.copyOfRange(rows, i * classes, (i + 1) * classes))
                        .isEqualTo(Softmax.of(row));
            }
            assertThat(k % classes).isZero();
            // an array of rows: the same bits
            double[][] uRows = new double[k / classes][];
            double[][] outRows = new double[k / classes][classes];
            double[][] logRows = new double[k / classes][classes];
            for (int i = 0; i < uRows.length; i++) {
                uRows[i] = java.util.Arrays.copyOfRange(u, i * classes, (i + 1) * classes);
            }
            Softmax.rows(uRows, outRows);
            Softmax.logRows(uRows, logRows);
            double[] flatLog = Softmax.logRows(u, classes, new double[k]);
            for (int i = 0; i < uRows.length; i++) {
                assertThat(outRows[i]).isEqualTo(java.util.Arrays.copyOfRange(rows, i * classes, (i + 1) * classes));
                assertThat(logRows[i]).isEqualTo(java.util.Arrays.copyOfRange(flatLog, i * classes, (i + 1) * classes));
            }
            executorAndFloatRows(u, classes, data.consumeInt(65, 140));
        } catch (IllegalArgumentException e) {
            assertThat(k % classes).isNotZero();
        }
        floats(u);
        Fuzzing.assertUnchanged(u, uCopy);
        Fuzzing.assertUnchanged(v, vCopy);
        // in place: the same results
        double[] inPlace = u.clone();
        assertThat(Softmax.of(inPlace, inPlace)).isEqualTo(s);
        inPlace = u.clone();
        assertThat(Softmax.log(inPlace, inPlace)).isEqualTo(log);
        if (Fuzzing.finite(u)) {
            Fuzzing.assertDistribution(s);
            for (double x : log) {
                assertThat(x).isNotNaN().isLessThanOrEqualTo(0.0);
            }
            if (k > 0) {
                assertThat(entropy).isBetween(0.0, Math.log(k) * (1 + 0x1p-50));
            }
            if (Fuzzing.finite(v)) {
                for (double x : jv) {
                    assertThat(x).isNotNaN();
                }
            }
        }
    }

    /**
     * A batch of over 64 rows (tiled from {@code u}) on an executor: the bits of the calling thread's result;
     * and the float batch forms: the double batch of the widened logits, rounded once.
     */
    private static void executorAndFloatRows(double[] u, int classes, int rows) {
        if (u.length == 0) {
            return;
        }
        double[] t = Fuzzing.tile(u, classes, rows);
        double[] tCopy = t.clone();
        assertThat(Softmax.rows(t, classes, new double[t.length], Fuzzing.DIRECT))
                .isEqualTo(Softmax.rows(t, classes, new double[t.length]));
        assertThat(Softmax.logRows(t, classes, new double[t.length], Fuzzing.DIRECT))
                .isEqualTo(Softmax.logRows(t, classes, new double[t.length]));
        Fuzzing.assertUnchanged(t, tCopy);
        float[] f = Fuzzing.narrow(u);
        float[] fCopy = f.clone();
        double[] wide = Fuzzing.widen(f);
        Fuzzing.assertRoundedOnce(Softmax.rows(f, classes, new float[f.length]),
                Softmax.rows(wide, classes, new double[f.length]));
        Fuzzing.assertRoundedOnce(Softmax.logRows(f, classes, new float[f.length]),
                Softmax.logRows(wide, classes, new double[f.length]));
        Fuzzing.assertUnchanged(f, fCopy);
    }

    /** The float forms: the double results of the widened logits, each rounded to float once; in place too. */
    private static void floats(double[] u) {
        float[] f = Fuzzing.narrow(u);
        double[] wide = Fuzzing.widen(f);
        float[] fCopy = f.clone();
        float[] s = Softmax.of(f, new float[f.length]);
        float[] log = Softmax.log(f, new float[f.length]);
        Fuzzing.assertUnchanged(f, fCopy);
        double[] ds = Softmax.of(wide);
        double[] dlog = Softmax.log(wide);
        Fuzzing.assertRoundedOnce(s, ds);
        Fuzzing.assertRoundedOnce(log, dlog);
        float[] inPlace = f.clone();
        assertThat(Softmax.of(inPlace, inPlace)).isEqualTo(s);
        inPlace = f.clone();
        assertThat(Softmax.log(inPlace, inPlace)).isEqualTo(log);
    }
}
