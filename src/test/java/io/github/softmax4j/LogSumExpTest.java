package io.github.softmax4j;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LogSumExpTest {
    static final double INF = Double.POSITIVE_INFINITY;
    static final double NAN = Double.NaN;

    @Test
    void confidentExampleKeepsItsTinyResult() {
        // log(1 + exp(-40)) = 4.2483542552915889...e-18; log(exp(0) + exp(-40)) in doubles gives 0
        assertThat(LogSumExp.of(new double[] {0, -40})).isEqualTo(4.248354255291589e-18);
    }

    @Test
    void ordinaryExample() {
        // log(e^2 + e + e^0.1), with 0.1 the double nearest 0.1
        Exact.assertUlps(LogSumExp.of(new double[] {2, 1, 0.1}), "2.417030016277833483154938469826634355077", 1);
    }

    @Test
    void equalEntriesGiveTheMaximumPlusLogK() {
        assertThat(LogSumExp.of(new double[] {3, 3, 3, 3})).isEqualTo(3 + Math.log(4));
        assertThat(LogSumExp.of(new double[] {-7.5})).isEqualTo(-7.5);
    }

    @Test
    void hugeEntriesDoNotOverflow() {
        assertThat(LogSumExp.of(new double[] {Double.MAX_VALUE, Double.MAX_VALUE})).isEqualTo(Double.MAX_VALUE);
        assertThat(LogSumExp.of(new double[] {1e308, -1e308})).isEqualTo(1e308);
        assertThat(LogSumExp.of(new double[] {-1e308, -1e308})).isEqualTo(-1e308);
    }

    @Test
    void emptyIsNegativeInfinity() {
        assertThat(LogSumExp.of(new double[0])).isEqualTo(-INF);
    }

    @Test
    void anyNaNGivesNaN() {
        assertThat(LogSumExp.of(new double[] {1, NAN, 2})).isNaN();
        assertThat(LogSumExp.of(new double[] {NAN, -INF})).isNaN();
        assertThat(LogSumExp.of(new double[] {INF, NAN})).isNaN();
    }

    @Test
    void positiveInfinityGivesPositiveInfinity() {
        assertThat(LogSumExp.of(new double[] {1, INF, -INF})).isEqualTo(INF);
    }

    @Test
    void negativeInfinityContributesNothing() {
        assertThat(LogSumExp.of(new double[] {0, -40, -INF})).isEqualTo(4.248354255291589e-18);
    }

    @Test
    void allNegativeInfinityIsNegativeInfinity() {
        assertThat(LogSumExp.of(new double[] {-INF, -INF})).isEqualTo(-INF);
    }

    @Test
    void rangeCoversOnlyItsEntries() {
        double[] u = {100, 0, -40, 100};
        assertThat(LogSumExp.of(u, 1, 3)).isEqualTo(4.248354255291589e-18);
        assertThat(LogSumExp.of(u, 2, 2)).isEqualTo(-INF);
        assertThat(LogSumExp.of(u, 0, 4)).isEqualTo(LogSumExp.of(new double[] {100, 0, -40, 100}));
    }

    @Test
    void inputIsNotModified() {
        double[] u = {3, -1, 2};
        LogSumExp.of(u);
        LogSumExp.of(u, 1, 3);
        assertThat(u).containsExactly(3, -1, 2);
    }
}
