package io.github.softmax4j.internal;

import static org.assertj.core.api.Assertions.assertThat;

import ch.obermuhlner.math.big.BigDecimalMath;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.SplittableRandom;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The table-driven exponential against a 40-digit BigDecimal {@code exp(x + e)}. */
class ExpTest {
    static final MathContext MC = new MathContext(40);
    /** Half an ulp of rounding plus 2^-60-sized errors of the reduction, table and polynomial. */
    static final double NORMAL_ULPS = 0.51;

    static LongStream seeds() {
        return LongStream.range(0, 200);
    }

    /** Error in ulps of the exact value's binade (in units of MIN_VALUE below the normal range). */
    static double ulps(double computed, BigDecimal exact) {
        double d = exact.doubleValue();
        double ulp = Math.ulp(d);
        if (d >= Double.MIN_NORMAL && d == Math.scalb(1.0, Math.getExponent(d)) && exact.compareTo(new BigDecimal(d)) < 0) {
            ulp /= 2;
        }
        return new BigDecimal(computed).subtract(exact).abs().divide(new BigDecimal(ulp), MC).doubleValue();
    }

    /** 100 arguments per seed over [-746, 1], with shift errors up to an ulp of the argument. */
    @ParameterizedTest
    @MethodSource("seeds")
    void withinHalfAnUlpAndABitOfExp(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        for (int i = 0; i < 100; i++) {
            double x = seed % 4 == 0 ? r.nextDouble(-1, 1) : r.nextDouble(-746, 1);
            double e = r.nextBoolean() ? 0.0 : r.nextDouble(-1, 1) * Math.ulp(x);
            BigDecimal exact = BigDecimalMath.exp(new BigDecimal(x).add(new BigDecimal(e)), MC);
            double got = Exp.exp(x, e);
            double allowed = exact.doubleValue() < Double.MIN_NORMAL ? 1.0 : NORMAL_ULPS;
            assertThat(ulps(got, exact)).as("exp(%s + %s) = %s, exact %s", x, e, got, exact.round(new MathContext(20)))
                    .isLessThanOrEqualTo(allowed);
        }
    }

    @Test
    void specialValues() {
        assertThat(Exp.exp(0.0, 0.0)).isEqualTo(1.0);
        assertThat(Exp.exp(Double.NEGATIVE_INFINITY, Double.NaN)).isEqualTo(0.0);
        assertThat(Exp.exp(-746.0, 0.0)).isEqualTo(0.0);
        assertThat(Exp.exp(-800.0, 1e-14)).isEqualTo(0.0);
        assertThat(Exp.exp(Double.NaN, 0.0)).isNaN();
        assertThat(Exp.exp(-745.0, 0.0)).isEqualTo(Double.MIN_VALUE); // exp(-745) = 4.94e-324 rounds to MIN_VALUE
        assertThat(Exp.exp(-40.0, 0.0)).isEqualTo(4.248354255291589e-18);
        assertThat(Exp.exp(1.0, 0.0)).isEqualTo(Math.E);
    }
}
