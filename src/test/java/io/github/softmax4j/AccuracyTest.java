package io.github.softmax4j;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.softmax4j.Cases.Case;
import io.github.softmax4j.Cases.Regime;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every function against the BigDecimal {@link Oracle}, asserting the ulp bounds of the Javadoc contract
 * over seeded adversarial regimes.
 */
class AccuracyTest {
    static final double LSE_ULPS = 1;
    static final double LOG_SOFTMAX_ULPS = 2;
    static final double LOSS_ULPS = 2;
    static final double SOFTMAX_ULPS = 3;
    static final double GRADIENT_ULPS = 3;

    static final int SEEDS_PER_REGIME = 150;

    static Stream<Arguments> cases() {
        return Arrays.stream(Regime.values())
                .flatMap(regime -> Cases.seeds(SEEDS_PER_REGIME)
                        .mapToObj(seed -> Arguments.of(Cases.of(seed, regime, 1, 300))));
    }

    /** K from 400 to 3,000: across the kernels' 512-entry chunks. */
    static Stream<Arguments> chunkedCases() {
        return Arrays.stream(Regime.values())
                .flatMap(regime -> Cases.seeds(5)
                        .mapToObj(seed -> Arguments.of(Cases.of(seed, regime, 400, 3000))));
    }

    @ParameterizedTest
    @MethodSource("cases")
    void everyFunctionMeetsItsUlpBound(Case c) {
        checkAll(c);
    }

    @ParameterizedTest
    @MethodSource("chunkedCases")
    void everyFunctionMeetsItsUlpBoundAcrossChunks(Case c) {
        checkAll(c);
    }

    static void checkAll(Case c) {
        double[] u = c.u();
        double[] p = c.p();
        int k = u.length;
        double[] uBefore = u.clone();
        double[] pBefore = p.clone();
        Oracle o = new Oracle(u);

        // log-sum-exp, with the cancellation clause measured in ulps of |m|
        check(c, "LogSumExp.of", LogSumExp.of(u), o.logSumExp(), o.logSumExpScale(), LSE_ULPS);

        double[] s = Softmax.of(u);
        double[] logS = Softmax.log(u);
        for (int j = 0; j < k; j++) {
            check(c, "Softmax.of[" + j + "]", s[j], o.softmax(j), o.softmax(j), SOFTMAX_ULPS);
            BigDecimal exactLog = o.logSoftmax(j);
            if (exactLog == null) {
                assertThat(logS[j]).as("Softmax.log[%d] of a -inf entry\n%s", j, c).isEqualTo(Double.NEGATIVE_INFINITY);
            } else {
                check(c, "Softmax.log[" + j + "]", logS[j], exactLog, exactLog, LOG_SOFTMAX_ULPS);
            }
        }

        double[] gradP = new double[k];
        double lossP = SoftmaxCrossEntropy.valueAndGradient(p, u, gradP);
        BigDecimal exactLossP = o.loss(p);
        check(c, "SoftmaxCrossEntropy.value(p)", lossP, exactLossP, exactLossP, LOSS_ULPS);
        BigDecimal pSum = Oracle.sum(p);
        // where S_j itself is subnormal, sum(p) S_j keeps only its absolute accuracy, scaled by sum(p)
        double subnormalUnits = k * Math.max(1, pSum.doubleValue());
        for (int j = 0; j < k; j++) {
            String what = "SoftmaxCrossEntropy.gradient(p)[" + j + "]";
            if (o.softmax(j).doubleValue() < Double.MIN_NORMAL) {
                double units = Oracle.ulps(gradP[j], o.gradient(pSum, p, j), BigDecimal.ZERO);
                assertThat(units).as("%s: units of MIN_VALUE where S_j is subnormal\n%s", what, c)
                        .isLessThanOrEqualTo(Math.max(subnormalUnits, GRADIENT_ULPS * Oracle.ulpOf(o.gradientScale(pSum, p, j)) / Double.MIN_VALUE));
            } else {
                check(c, what, gradP[j], o.gradient(pSum, p, j), o.gradientScale(pSum, p, j), GRADIENT_ULPS);
            }
        }

        int y = c.label();
        double[] gradY = new double[k];
        double lossY = SoftmaxCrossEntropy.valueAndGradient(y, u, gradY);
        BigDecimal exactLossY = o.loss(y);
        check(c, "SoftmaxCrossEntropy.value(label)", lossY, exactLossY, exactLossY, LOSS_ULPS);
        for (int j = 0; j < k; j++) {
            BigDecimal g = o.gradient(y, j);
            check(c, "SoftmaxCrossEntropy.gradient(label)[" + j + "]", gradY[j], g, g, GRADIENT_ULPS);
        }

        // the other entry points give the same bits, in place too, and leave their inputs alone
        assertThat(SoftmaxCrossEntropy.value(p, u)).as("value(p) vs valueAndGradient\n%s", c).isEqualTo(lossP);
        assertThat(SoftmaxCrossEntropy.value(y, u)).as("value(label) vs valueAndGradient\n%s", c).isEqualTo(lossY);
        assertThat(SoftmaxCrossEntropy.gradient(p, u)).as("gradient(p)\n%s", c).isEqualTo(gradP);
        assertThat(SoftmaxCrossEntropy.gradient(y, u)).as("gradient(label)\n%s", c).isEqualTo(gradY);
        assertThat(Softmax.of(u.clone(), new double[k])).isEqualTo(s);
        double[] inPlace = u.clone();
        assertThat(Softmax.of(inPlace, inPlace)).as("softmax in place\n%s", c).isEqualTo(s);
        inPlace = u.clone();
        assertThat(Softmax.log(inPlace, inPlace)).as("log-softmax in place\n%s", c).isEqualTo(logS);
        inPlace = u.clone();
        assertThat(SoftmaxCrossEntropy.valueAndGradient(p, inPlace, inPlace)).isEqualTo(lossP);
        assertThat(inPlace).as("gradient(p) in place\n%s", c).isEqualTo(gradP);
        inPlace = u.clone();
        assertThat(SoftmaxCrossEntropy.valueAndGradient(y, inPlace, inPlace)).isEqualTo(lossY);
        assertThat(inPlace).as("gradient(label) in place\n%s", c).isEqualTo(gradY);
        assertThat(u).as("logits untouched").isEqualTo(uBefore);
        assertThat(p).as("target untouched").isEqualTo(pBefore);
    }

    /**
     * Asserts {@code |computed - exact| <= bound ulps of scale}; an exact value below the normal range may be
     * off by K units of {@code Double.MIN_VALUE} instead, and an exact value beyond the double range must
     * come out as the infinity of its sign (a null one, a positive weight on a -inf logit, as +inf).
     */
    static void check(Case c, String what, double computed, BigDecimal exact, BigDecimal scale, double bound) {
        if (exact == null || Double.isInfinite(exact.doubleValue())) {
            double expected = exact == null ? Double.POSITIVE_INFINITY : exact.doubleValue();
            assertThat(computed).as("%s beyond the double range\n%s", what, c).isEqualTo(expected);
            return;
        }
        double ulps = Oracle.ulps(computed, exact, scale);
        double allowed = Math.abs(scale.doubleValue()) < Double.MIN_NORMAL ? Math.max(bound, c.u().length) : bound;
        if (!(ulps <= allowed)) {
            throw new AssertionError(what + " = " + computed + " is " + ulps + " ulps from the exact "
                    + exact.round(new java.math.MathContext(25)) + " (allowed " + allowed + ")\n" + c);
        }
    }
}
