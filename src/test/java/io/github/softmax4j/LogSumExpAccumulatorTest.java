package io.github.softmax4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.softmax4j.Cases.Case;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The streaming log-sum-exp against the oracle, and its merge. */
class LogSumExpAccumulatorTest {

    static LongStream seeds() {
        return Cases.seeds(600);
    }

    /** LogSumExp.of's contract: 1 ulp of the exact result, or of |max| when it cancels. */
    static void assertContract(double actual, double[] u, String what) {
        Oracle o = new Oracle(u);
        assertThat(Oracle.ulps(actual, o.logSumExp(), o.logSumExpScale())).as("%s: %s", what, actual)
                .isLessThanOrEqualTo(1.0);
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void valueMeetsTheContractOfLogSumExpOfInAnyOrderAndAnySplit(long seed) {
        Case c = Cases.of(seed, Cases.Regime.values(), 300);
        double[] u = c.u();
        int top = Cases.argMax(u);
        LogSumExpAccumulator all = new LogSumExpAccumulator().addAll(u);
        assertThat(all.count()).isEqualTo(u.length);
        if (top < 0 || !Double.isFinite(u[top])) {
            assertThat(all.value()).isEqualTo(LogSumExp.of(u));
            return;
        }
        assertContract(all.value(), u, "in order " + c);
        // ascending order: every value a new maximum
        double[] sorted = u.clone();
        Arrays.sort(sorted);
        assertContract(new LogSumExpAccumulator().addAll(sorted).value(), u, "ascending " + c);
        // split at random points and merged in a random grouping
        SplittableRandom r = new SplittableRandom(seed);
        LogSumExpAccumulator[] parts = new LogSumExpAccumulator[1 + r.nextInt(5)];
        for (int i = 0; i < parts.length; i++) {
            parts[i] = new LogSumExpAccumulator();
        }
        for (double x : u) {
            parts[r.nextInt(parts.length)].add(x);
        }
        LogSumExpAccumulator merged = parts[parts.length - 1];
        for (int i = parts.length - 2; i >= 0; i--) {
            merged = r.nextBoolean() ? parts[i].merge(merged) : merged.merge(parts[i]);
        }
        assertThat(merged.count()).isEqualTo(u.length);
        assertContract(merged.value(), u, "merged " + c);
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void mergeIsCommutativeBitForBit(long seed) {
        Case c = Cases.of(seed, Cases.Regime.values(), 100);
        double[] u = c.u();
        int half = u.length / 2;
        double[] a = Arrays.copyOfRange(u, 0, half);
        double[] b = Arrays.copyOfRange(u, half, u.length);
        double ab = new LogSumExpAccumulator().addAll(a).merge(new LogSumExpAccumulator().addAll(b)).value();
        double ba = new LogSumExpAccumulator().addAll(b).merge(new LogSumExpAccumulator().addAll(a)).value();
        assertThat(Double.doubleToRawLongBits(ab)).as("%s", c).isEqualTo(Double.doubleToRawLongBits(ba));
    }

    @Test
    void aLongAscendingStreamStaysExact() {
        // 100,000 new maxima, each rescaling the whole sum: the rescalings' error stays far below an ulp
        double[] u = new double[100_000];
        for (int j = 0; j < u.length; j++) {
            u[j] = -3 + j * 1e-5;
        }
        LogSumExpAccumulator acc = new LogSumExpAccumulator();
        for (double x : u) {
            acc.add(x);
        }
        assertContract(acc.value(), u, "ascending stream");
        assertThat(acc.value()).isEqualTo(LogSumExp.of(u));
    }

    @Test
    void servesAParallelStream() {
        double[] u = new SplittableRandom(5).doubles(200_000, -50, 50).toArray();
        double lse = Arrays.stream(u).parallel()
                .collect(LogSumExpAccumulator::new, LogSumExpAccumulator::add, LogSumExpAccumulator::merge).value();
        assertContract(lse, u, "parallel stream");
    }

    @Test
    void specialCases() {
        assertThat(new LogSumExpAccumulator().value()).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(new LogSumExpAccumulator().add(Double.NEGATIVE_INFINITY).add(Double.NEGATIVE_INFINITY).value())
                .isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(new LogSumExpAccumulator().add(1).add(Double.NaN).add(Double.POSITIVE_INFINITY).value()).isNaN();
        assertThat(new LogSumExpAccumulator().add(1).add(Double.POSITIVE_INFINITY).add(2).value())
                .isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(new LogSumExpAccumulator().add(Double.NEGATIVE_INFINITY).add(3).value()).isEqualTo(3.0);
        // the core's example: log(1 + exp(-40)), not 0, in either order
        assertThat(new LogSumExpAccumulator().add(-40).add(0).value()).isEqualTo(4.248354255291589e-18);
        assertThat(new LogSumExpAccumulator().add(0).add(-40).value()).isEqualTo(4.248354255291589e-18);
        // extreme gaps: the rescaling factor underflows to 0, the shift overflows
        assertThat(new LogSumExpAccumulator().add(-1e308).add(1e308).value()).isEqualTo(1e308);
        assertThat(new LogSumExpAccumulator().add(1e308).add(-1e308).value()).isEqualTo(1e308);
        LogSumExpAccumulator empty = new LogSumExpAccumulator();
        LogSumExpAccumulator one = new LogSumExpAccumulator().add(2);
        assertThat(one.merge(empty).value()).isEqualTo(2.0);
        assertThat(empty.merge(one).value()).isEqualTo(2.0);
        assertThat(empty.count()).isEqualTo(1);
        LogSumExpAccumulator self = new LogSumExpAccumulator().add(0);
        assertThat(self.merge(self).value()).isEqualTo(Math.log(2));
        assertThat(new LogSumExpAccumulator().merge(new LogSumExpAccumulator().add(Double.NaN)).value()).isNaN();
        assertThat(new LogSumExpAccumulator().add(1).merge(new LogSumExpAccumulator().add(Double.POSITIVE_INFINITY))
                .value()).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(new LogSumExpAccumulator().add(0).toString()).isEqualTo("LogSumExpAccumulator[count=1, value=0.0]");
        assertThatThrownBy(() -> new LogSumExpAccumulator().merge(null)).isInstanceOf(NullPointerException.class)
                .hasMessage("other must not be null");
        assertThatThrownBy(() -> new LogSumExpAccumulator().addAll(null)).isInstanceOf(NullPointerException.class)
                .hasMessage("x must not be null");
    }
}
