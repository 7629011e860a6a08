package io.github.softmax4j;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.softmax4j.Cases.Case;
import java.util.SplittableRandom;
import java.util.function.ToDoubleFunction;
import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every gradient against central differences of the function it differentiates, over 2,000 seeded cases
 * per property (K from 1 to 1,000, scales 1e-3 to 1e3, offsets to 1e6).
 *
 * <p>Step and tolerance. Along a coordinate, {@code f(t) = a LSE(u + t e_j) + linear(t)} with {@code a = 1}
 * for log-sum-exp and the label loss and {@code a = sum(p)} for the target loss, so
 * {@code |f''| = a S(1 - S) <= a / 4} and {@code |f'''| = a S(1 - S)|1 - 2S| <= a / (6 sqrt 3) = M3}. The
 * central difference over the steps actually taken, {@code d+} and {@code d-} then differs from
 * {@code f'} by at most
 * <pre>
 *   M3 h^2 / 6  +  |d+ - d-| a / 8  +  (err(f+) + err(f-)) / (d+ + d-)
 * </pre>
 * (truncation, asymmetry of the steps, rounding of the two values), with {@code err(f) <= 2 ulps} of the
 * larger of {@code |f|} and {@code |max u|} by the accuracy contract. The gradient's own error (3 ulps of
 * entries at most {@code max(a, |p_j|)}) is added. The step {@code h = (3 err / M3)^(1/3)}, rounded to a
 * power of two, balances truncation against rounding; the tolerance is this bound itself, not a guess.
 */
class FiniteDifferenceTest {
    static final int CASES = 2000;
    static final double M3_PER_WEIGHT = 1 / (6 * Math.sqrt(3));

    static LongStream seeds() {
        return Cases.seeds(CASES);
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void softmaxIsTheGradientOfLogSumExp(long seed) {
        Case c = Cases.of(seed, Cases.SMOOTH, 1000);
        check(c, 1.0, Softmax.of(c.u()), LogSumExp::of);
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void targetGradientMatchesDifferencesOfTheLoss(long seed) {
        Case c = Cases.of(seed, Cases.SMOOTH, 1000);
        double a = 0;
        for (double w : c.p()) {
            a += w;
        }
        check(c, a, SoftmaxCrossEntropy.gradient(c.p(), c.u()), v -> SoftmaxCrossEntropy.value(c.p(), v));
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void labelGradientMatchesDifferencesOfTheLoss(long seed) {
        Case c = Cases.of(seed, Cases.SMOOTH, 1000);
        check(c, 1.0, SoftmaxCrossEntropy.gradient(c.label(), c.u()), v -> SoftmaxCrossEntropy.value(c.label(), v));
    }

    /** Checks up to six coordinates: the maximum, the label and random ones. */
    static void check(Case c, double weight, double[] gradient, ToDoubleFunction<double[]> f) {
        double[] u = c.u();
        SplittableRandom r = new SplittableRandom(c.seed());
        int[] coordinates = {Cases.argMax(u), c.label(), r.nextInt(u.length), r.nextInt(u.length),
            r.nextInt(u.length), r.nextInt(u.length)};
        double f0 = f.applyAsDouble(u);
        double maxAbs = Math.abs(u[Cases.argMax(u)]);
        double m3 = Math.max(weight, Double.MIN_NORMAL) * M3_PER_WEIGHT;
        for (int j : coordinates) {
            double err = 2 * Math.ulp(Math.max(Math.abs(f0), maxAbs) * 2);
            double h = Math.scalb(1.0, Math.getExponent(Math.cbrt(3 * err / m3)));
            double[] v = u.clone();
            v[j] = u[j] + h;
            // the steps actually taken: exact by Sterbenz when |u[j]| >= h, else off by under 2^-53 of h
            double dPlus = v[j] - u[j];
            double fPlus = f.applyAsDouble(v);
            v[j] = u[j] - h;
            double dMinus = u[j] - v[j];
            double fMinus = f.applyAsDouble(v);
            double difference = (fPlus - fMinus) / (dPlus + dMinus);
            double errF = 2 * Math.ulp(Math.max(Math.max(Math.abs(fPlus), Math.abs(fMinus)), maxAbs + h));
            double tolerance = m3 * h * h / 6 + Math.abs(dPlus - dMinus) * weight / 8
                    + 2 * errF / (dPlus + dMinus) + 3 * Math.ulp(Math.max(weight, Math.abs(c.p()[j])) + 1);
            assertThat(Math.abs(gradient[j] - difference))
                    .as("coordinate %d: gradient %s, central difference %s (h = %s)\n%s", j, gradient[j],
                            difference, h, c)
                    .isLessThanOrEqualTo(tolerance);
        }
    }
}
