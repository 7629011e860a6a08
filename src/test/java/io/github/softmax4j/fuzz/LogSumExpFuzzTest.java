package io.github.softmax4j.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.github.softmax4j.LogSumExp;
import io.github.softmax4j.LogSumExpAccumulator;

/**
 * {@link LogSumExp} and {@link LogSumExpAccumulator} on any bits: only documented exceptions, inputs
 * untouched, NaN-free for finite logits, within {@code [max u, max u + log K]}.
 */
class LogSumExpFuzzTest {

    @FuzzTest(maxDuration = "10m")
    void logSumExp(FuzzedDataProvider data) {
        int k = data.consumeInt(0, 40);
        double[] u = Fuzzing.doubles(data, k);
        double[] b = Fuzzing.nonNegative(data, k);
        double[] uCopy = u.clone();
        double[] bCopy = b.clone();
        double lse = LogSumExp.of(u);
        int from = data.consumeInt(-1, k + 1);
        int to = data.consumeInt(-1, k + 1);
        try {
            LogSumExp.of(u, from, to);
            assertThat(0 <= from && from <= to && to <= k).isTrue();
        } catch (IndexOutOfBoundsException e) {
            assertThat(0 <= from && from <= to && to <= k).isFalse();
        }
        double weighted = Double.NaN;
        boolean validWeights = Fuzzing.finite(b);
        try {
            weighted = LogSumExp.of(u, b);
            assertThat(validWeights).isTrue();
        } catch (IllegalArgumentException e) {
            assertThat(validWeights).isFalse();
        }
        int classes = data.consumeInt(1, 5);
        if (k % classes == 0) {
            double[] rows = LogSumExp.rows(u, classes, new double[k / classes]);
            double[][] uRows = new double[k / classes][];
            for (int i = 0; i < rows.length; i++) {
                assertThat(Double.doubleToLongBits(rows[i]))
                        .isEqualTo(Double.doubleToLongBits(LogSumExp.of(u, i * classes, (i + 1) * classes)));
                uRows[i] = java.util.Arrays.copyOfRange(u, i * classes, (i + 1) * classes);
            }
            // an array of rows, and a batch of over 64 rows on an executor: the same bits
            assertThat(LogSumExp.rows(uRows, new double[rows.length])).isEqualTo(rows);
            if (k > 0) {
                double[] t = Fuzzing.tile(u, classes, data.consumeInt(65, 140));
                assertThat(LogSumExp.rows(t, classes, new double[t.length / classes], Fuzzing.DIRECT))
                        .isEqualTo(LogSumExp.rows(t, classes, new double[t.length / classes]));
            }
            // the float batch: the double batch of the widened logits, rounded once
            float[] f = Fuzzing.narrow(u);
            Fuzzing.assertRoundedOnce(LogSumExp.rows(f, classes, new float[rows.length]),
                    LogSumExp.rows(Fuzzing.widen(f), classes, new double[rows.length]));
        }
        LogSumExpAccumulator acc = new LogSumExpAccumulator().addAll(u);
        float[] f = new float[k];
        for (int j = 0; j < k; j++) {
            f[j] = (float) u[j];
        }
        float lseFloat = LogSumExp.of(f);
        Fuzzing.assertUnchanged(u, uCopy);
        Fuzzing.assertUnchanged(b, bCopy);
        if (Fuzzing.finite(u) && k > 0) {
            assertThat(lse).isNotNaN();
            Fuzzing.assertLogSumExpBounds(lse, u);
            Fuzzing.assertLogSumExpBounds(acc.value(), u);
            if (validWeights) {
                assertThat(weighted).isNotNaN();
            }
            assertThat(lseFloat).isNotNaN();
        }
        if (Fuzzing.hasNaN(u)) {
            assertThat(lse).isNaN();
            assertThat(acc.value()).isNaN();
        }
    }
}
