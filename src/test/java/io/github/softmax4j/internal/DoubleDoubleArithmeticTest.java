package io.github.softmax4j.internal;

import static org.assertj.core.api.Assertions.assertThat;

import ch.obermuhlner.math.big.BigDecimalMath;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The double-double primitives at their own stated precision, against 60-digit BigDecimal: each bound is
 * the one in the method's comment, so that a lost low-order term (an error of 2^-53 relative or more) fails.
 */
class DoubleDoubleArithmeticTest {
    private static final MathContext MC = new MathContext(60);

    private static BigDecimal exact(DoubleDouble x) {
        return new BigDecimal(x.hi).add(new BigDecimal(x.lo));
    }

    private static double relativeError(BigDecimal computed, BigDecimal exact) {
        return computed.subtract(exact).abs().divide(exact.abs(), MC).doubleValue();
    }

    /** A double-double with a random high part in [1, 2^e) and a low part within half its ulp. */
    private static DoubleDouble random(SplittableRandom r, double scale) {
        double hi = (1 + r.nextDouble()) * scale;
        return new DoubleDouble().set(hi, (r.nextDouble() - 0.5) * Math.ulp(hi));
    }

    @Test
    void setRenormalizesWithoutLoss() {
        SplittableRandom r = new SplittableRandom(1);
        for (int i = 0; i < 2000; i++) {
            double hi = r.nextDouble(-1e3, 1e3);
            double lo = r.nextDouble(-1, 1) * Math.ulp(hi) * 4;
            DoubleDouble x = new DoubleDouble().set(hi, lo);
            assertThat(exact(x)).isEqualByComparingTo(new BigDecimal(hi).add(new BigDecimal(lo)));
            assertThat(Math.abs(x.lo)).isLessThanOrEqualTo(Math.ulp(x.hi) / 2);
            assertThat(x.hi).isEqualTo(hi + lo); // the value rounded once
        }
        assertThat(new DoubleDouble().set(Double.POSITIVE_INFINITY, 1.0).lo).isEqualTo(0.0);
    }

    @Test
    void addRoundsOnce() {
        SplittableRandom r = new SplittableRandom(2);
        for (int i = 0; i < 2000; i++) {
            DoubleDouble a = random(r, Math.pow(2, r.nextInt(-20, 20)));
            DoubleDouble b = random(r, Math.pow(2, r.nextInt(-20, 20)));
            BigDecimal sum = exact(a).add(exact(b));
            double s = DoubleDouble.add(a.hi, a.lo, b.hi, b.lo);
            // one rounding of the exact sum, up to the 2^-104 the low parts' own sum may round
            assertThat(new BigDecimal(s).subtract(sum).abs().doubleValue())
                    .isLessThanOrEqualTo(Math.ulp(s) * (0.5 + 0x1p-40));
        }
        assertThat(DoubleDouble.add(Double.MAX_VALUE, 0, Double.MAX_VALUE, 0)).isEqualTo(Double.POSITIVE_INFINITY);
    }

    @Test
    void reciprocalAndProductAreAccurateToAbout2ToThe100() {
        SplittableRandom r = new SplittableRandom(3);
        for (int i = 0; i < 2000; i++) {
            DoubleDouble a = random(r, Math.pow(2, r.nextInt(0, 30)));
            DoubleDouble b = random(r, Math.pow(2, r.nextInt(-30, 30)));
            DoubleDouble inv = a.reciprocal(new DoubleDouble());
            assertThat(relativeError(exact(inv), BigDecimal.ONE.divide(exact(a), MC))).isLessThanOrEqualTo(0x1p-98);
            DoubleDouble p = a.times(b, new DoubleDouble());
            assertThat(relativeError(exact(p), exact(a).multiply(exact(b)))).isLessThanOrEqualTo(0x1p-98);
            assertThat(p.hi).isEqualTo(p.hi + p.lo); // the value rounded once
        }
        assertThat(new DoubleDouble().set(1e300, 0).times(new DoubleDouble().set(1e300, 0), new DoubleDouble()).hi)
                .isEqualTo(Double.POSITIVE_INFINITY);
    }

    @Test
    void log1pIsWithinItsStatedPrecision() {
        SplittableRandom r = new SplittableRandom(4);
        for (int i = 0; i < 6000; i++) {
            // s from 1e-300 to 1e300, and half the cases from 2^-12 to 2^3, where the low parts of s and of
            // 1 + s weigh most; with a low part, every fifth one of the largest size
            double sh = i % 2 == 0 ? Math.pow(10, r.nextDouble(-300, 300)) : Math.pow(2, r.nextDouble(-12, 3));
            double lo = i % 5 == 0 ? (r.nextBoolean() ? 0.5 : -0.5) : r.nextDouble() - 0.5;
            DoubleDouble s = new DoubleDouble().set(sh, lo * Math.ulp(sh));
            DoubleDouble log = Logarithm.log1p(s, new DoubleDouble());
            BigDecimal x = exact(s);
            BigDecimal expected = x.compareTo(new BigDecimal("1e-20")) < 0
                    ? x.subtract(x.multiply(x).divide(BigDecimal.valueOf(2), MC))
                    : BigDecimalMath.log(BigDecimal.ONE.add(x), MC);
            // "to about 2^-57 relative": 2^-56 here
            assertThat(relativeError(exact(log), expected)).as("log1p(%s)", sh).isLessThanOrEqualTo(0x1p-56);
        }
        assertThat(Logarithm.log1p(new DoubleDouble().set(0, 0), new DoubleDouble()).hi).isEqualTo(0.0);
        assertThat(Logarithm.log1p(new DoubleDouble().set(Double.POSITIVE_INFINITY, 0), new DoubleDouble()).hi)
                .isEqualTo(Double.POSITIVE_INFINITY);
    }

    @Test
    void logIsWithinItsStatedPrecision() {
        SplittableRandom r = new SplittableRandom(5);
        for (int i = 0; i < 3000; i++) {
            double t = i % 10 == 0 ? r.nextDouble() * Double.MIN_NORMAL : Math.pow(10, r.nextDouble(-307, 308));
            if (t == 0) {
                continue;
            }
            DoubleDouble log = Logarithm.log(t, new DoubleDouble());
            BigDecimal expected = BigDecimalMath.log(new BigDecimal(t), MC);
            int e = Math.getExponent(t < Double.MIN_NORMAL ? t * 0x1p54 : t) - (t < Double.MIN_NORMAL ? 54 : 0);
            double f = expected.doubleValue() - e * Math.log(2);
            // "an absolute error of about 2^-58 plus 2^-57 of |log(t) - e log 2|": twice that here
            double bound = 2 * (0x1p-58 + 0x1p-57 * Math.abs(f)) + Math.ulp(expected.doubleValue());
            assertThat(exact(log).subtract(expected).abs().doubleValue()).as("log(%s)", t).isLessThanOrEqualTo(bound);
        }
    }

    @Test
    void doubleDoubleExpIsWithin2ToThe78() {
        SplittableRandom r = new SplittableRandom(6);
        for (int i = 0; i < 3000; i++) {
            double x = i % 3 == 0 ? -r.nextDouble(0, 1) : -r.nextDouble(0, 745);
            double xl = (r.nextDouble() - 0.5) * Math.ulp(x);
            DoubleDouble e = Exp.exp(x, xl, new DoubleDouble());
            BigDecimal expected = BigDecimalMath.exp(new BigDecimal(x).add(new BigDecimal(xl)), MC);
            if (expected.compareTo(new BigDecimal(Double.MIN_NORMAL).multiply(BigDecimal.valueOf(1L << 53))) < 0) {
                continue; // near the bottom of the range the low part is subnormal
            }
            // "to about 2^-80 relative": 2^-78 here
            assertThat(relativeError(exact(e), expected)).as("exp(%s + %s)", x, xl).isLessThanOrEqualTo(0x1p-78);
        }
        assertThat(Exp.exp(-800, 0, new DoubleDouble()).hi).isEqualTo(0.0);
        assertThat(Exp.exp(Double.NaN, 0, new DoubleDouble()).hi).isNaN();
        assertThat(Exp.exp(0, 0, new DoubleDouble()).hi).isEqualTo(1.0);
    }
}
