package io.github.softmax4j.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import java.util.Arrays;

/** What the fuzz targets share: arrays of any bits from the fuzzer's data, and the invariants they check. */
final class Fuzzing {
    private Fuzzing() {}

    /** Up to 40 doubles: any bit pattern, or (half the time) a finite value of a random scale. */
    static double[] doubles(FuzzedDataProvider data, int length) {
        double[] x = new double[length];
        boolean anyBits = data.consumeBoolean();
        for (int j = 0; j < length; j++) {
            x[j] = anyBits ? Double.longBitsToDouble(data.consumeLong())
                    : data.consumeRegularDouble(-1e3, 1e3) * Math.pow(10, data.consumeInt(-5, 5));
        }
        return x;
    }

    static double[] nonNegative(FuzzedDataProvider data, int length) {
        double[] x = doubles(data, length);
        for (int j = 0; j < length; j++) {
            x[j] = Math.abs(x[j]);
        }
        return x;
    }

    static boolean finite(double... x) {
        for (double v : x) {
            if (!Double.isFinite(v)) {
                return false;
            }
        }
        return true;
    }

    static boolean hasNaN(double... x) {
        for (double v : x) {
            if (v != v) {
                return true;
            }
        }
        return false;
    }

    /** Finite weights whose sum does not overflow: the documented condition for NaN-free losses. */
    static boolean finiteSum(double[] p) {
        // exactly: a plain sum can stay at the largest double where the exact sum rounds to infinity
        java.math.BigDecimal s = java.math.BigDecimal.ZERO;
        for (double v : p) {
            if (!Double.isFinite(v)) {
                return false;
            }
            s = s.add(new java.math.BigDecimal(Math.abs(v)));
        }
        return Double.isFinite(s.doubleValue());
    }

    static double max(double[] u) {
        double m = Double.NEGATIVE_INFINITY;
        for (double x : u) {
            m = Math.max(m, x);
        }
        return m;
    }

    /** Softmax entries lie in [0, 1] and sum to 1 within K ulps. */
    static void assertDistribution(double[] s) {
        double sum = 0;
        for (double x : s) {
            assertThat(x).isBetween(0.0, 1.0);
            sum += x;
        }
        if (s.length > 0) {
            assertThat(Math.abs(sum - 1)).isLessThanOrEqualTo(s.length * Math.ulp(1.0));
        }
    }

    /** The log-sum-exp of finite logits lies in [max u, max u + log K] (within its 1-ulp accuracy). */
    static void assertLogSumExpBounds(double lse, double[] u) {
        double m = max(u);
        assertThat(lse).isGreaterThanOrEqualTo(m);
        double top = m + Math.log(u.length);
        assertThat(lse).isLessThanOrEqualTo(top + 2 * Math.ulp(Math.max(Math.abs(m), Math.abs(top))));
    }

    static void assertUnchanged(double[] actual, double[] copy) {
        assertThat(Arrays.equals(actual, copy)).as("an input was modified").isTrue();
    }

    static void assertUnchanged(float[] actual, float[] copy) {
        assertThat(Arrays.equals(actual, copy)).as("an input was modified").isTrue();
    }

    /** The float forms' contract: the double result rounded to float once (NaN as any NaN). */
    static void assertRoundedOnce(float actual, double exact) {
        assertThat(Float.floatToIntBits(actual)).as("%s rounded to float", exact)
                .isEqualTo(Float.floatToIntBits((float) exact));
    }

    /** {@link #assertRoundedOnce(float, double)} entry by entry. */
    static void assertRoundedOnce(float[] actual, double[] exact) {
        for (int j = 0; j < actual.length; j++) {
            assertRoundedOnce(actual[j], exact[j]);
        }
    }

    /** The float array as doubles, exactly. */
    static double[] widen(float[] f) {
        double[] d = new double[f.length];
        for (int j = 0; j < f.length; j++) {
            d[j] = f[j];
        }
        return d;
    }

    /** The doubles rounded to float. */
    static float[] narrow(double[] d) {
        float[] f = new float[d.length];
        for (int j = 0; j < d.length; j++) {
            f[j] = (float) d[j];
        }
        return f;
    }

    /** An executor that runs each task at once, on the calling thread: the batch methods' task path. */
    static final java.util.concurrent.Executor DIRECT = Runnable::run;

    /**
     * {@code rows} rows of {@code classes} entries each, taken round robin from the rows of {@code x}: a batch
     * long enough (over 64 rows) for the batch methods to split it into tasks.
     */
    static double[] tile(double[] x, int classes, int rows) {
        double[] t = new double[rows * classes];
        int have = x.length / classes;
        for (int i = 0; i < rows; i++) {
            System.arraycopy(x, (i % have) * classes, t, i * classes, classes);
        }
        return t;
    }
}
