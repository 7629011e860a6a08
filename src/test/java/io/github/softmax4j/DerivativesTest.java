package io.github.softmax4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.softmax4j.Cases.Case;
import java.math.BigDecimal;
import java.util.SplittableRandom;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The softmax's Jacobian-vector product and the loss's Hessian-vector product. */
class DerivativesTest {

    static LongStream seeds() {
        return Cases.seeds(400);
    }

    static double[] direction(long seed, int k) {
        SplittableRandom r = new SplittableRandom(seed ^ 0x5DEECE66DL);
        double[] v = new double[k];
        for (int j = 0; j < k; j++) {
            v[j] = r.nextDouble(-1, 1) * Math.pow(10, r.nextInt(-3, 4));
        }
        return v;
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void jacobianAndHessianProductsMatchTheOracle(long seed) {
        Case c = Cases.of(seed, Cases.Regime.values(), 200);
        if (Cases.argMax(c.u()) < 0 || !Double.isFinite(c.u()[Cases.argMax(c.u())])) {
            return;
        }
        double[] v = direction(seed, c.u().length);
        double[] jv = Softmax.jacobianTimes(c.u(), v, new double[v.length]);
        double[] hv = SoftmaxCrossEntropy.hessianTimes(c.p(), c.u(), v, new double[v.length]);
        double[] hvLabel = SoftmaxCrossEntropy.hessianTimes(c.label(), c.u(), v, new double[v.length]);
        assertThat(hvLabel).isEqualTo(jv);
        Oracle o = new Oracle(c.u());
        BigDecimal dot = o.dot(v);
        BigDecimal pSum = Oracle.sum(c.p());
        for (int j = 0; j < v.length; j++) {
            BigDecimal exact = o.jacobianTimes(v, dot, j);
            BigDecimal scale = o.jacobianScale(v, dot, j);
            // within 4 ulps of the scale; a subnormal S_j's error (K units of MIN_VALUE) times the factor
            BigDecimal factor = scale.signum() == 0 ? BigDecimal.ZERO : scale.divide(o.softmax(j), Oracle.MC);
            double bound = 4 * Oracle.ulpOf(scale)
                    + (v.length * factor.doubleValue() + 1) * Double.MIN_VALUE;
            assertThat(new BigDecimal(jv[j]).subtract(exact).abs().doubleValue())
                    .as("entry %d: %s against %s\n%s", j, jv[j], exact, c).isLessThanOrEqualTo(bound);
            BigDecimal hExact = exact.multiply(pSum);
            double hBound = 5 * Oracle.ulpOf(scale.multiply(pSum))
                    + (v.length * factor.doubleValue() + 2) * Double.MIN_VALUE * Math.max(1, pSum.doubleValue());
            assertThat(new BigDecimal(hv[j]).subtract(hExact).abs().doubleValue())
                    .as("Hessian entry %d: %s against %s\n%s", j, hv[j], hExact, c).isLessThanOrEqualTo(hBound);
        }
    }

    /**
     * Central differences of the softmax along {@code v} (normalized to max |v_j| = 1). Along the line,
     * {@code f(t) = S_j(u + t v)} has {@code f''' = S_j ((v_j - c)^3 - 3 (v_j - c) Var - k3)} with
     * {@code c = <S, v>}, {@code Var = <S, (v - c)^2> <= 1} and {@code |k3| <= 2}, so {@code |f'''| <= 16};
     * truncation is at most {@code 16 h^2 / 6}, and the softmax's rounding (3 ulps of at most 1) adds
     * {@code 3 * 2^-52 / h}.
     */
    @ParameterizedTest
    @MethodSource("seeds")
    void jacobianTimesIsTheDirectionalDerivativeOfTheSoftmax(long seed) {
        Case c = Cases.of(seed, Cases.SMOOTH, 300);
        double[] v = direction(seed, c.u().length);
        double max = 0;
        for (double x : v) {
            max = Math.max(max, Math.abs(x));
        }
        for (int j = 0; j < v.length; j++) {
            v[j] /= max;
        }
        double h = 0x1p-17;
        double[] plus = c.u().clone();
        double[] minus = c.u().clone();
        for (int j = 0; j < v.length; j++) {
            plus[j] += h * v[j];
            minus[j] -= h * v[j];
        }
        double[] sp = Softmax.of(plus);
        double[] sm = Softmax.of(minus);
        double[] jv = Softmax.jacobianTimes(c.u(), v, new double[v.length]);
        double[] gp = SoftmaxCrossEntropy.gradient(c.p(), plus);
        double[] gm = SoftmaxCrossEntropy.gradient(c.p(), minus);
        double[] hv = SoftmaxCrossEntropy.hessianTimes(c.p(), c.u(), v, new double[v.length]);
        double pSum = 0;
        for (double x : c.p()) {
            pSum += x;
        }
        for (int j = 0; j < v.length; j++) {
            // the steps actually taken differ from h v_j by the rounding of u_j +- h v_j: at most ulp(u_j),
            // which moves S by at most that much (|dS_j / du_i| <= 1/4... summed over i: <= 1/2)
            double stepError = 0;
            for (double x : c.u()) {
                stepError = Math.max(stepError, Math.ulp(x) + Math.ulp(h));
            }
            double tolerance = 16 * h * h / 6 + 3 * 0x1p-52 / h + stepError * v.length / (2 * h) + 4 * Math.ulp(1.0);
            assertThat(Math.abs((sp[j] - sm[j]) / (2 * h) - jv[j])).as("entry %d\n%s", j, c)
                    .isLessThanOrEqualTo(tolerance);
            double hTolerance = pSum * tolerance + 3 * 0x1p-52 * Math.max(pSum, 1) / h;
            assertThat(Math.abs((gp[j] - gm[j]) / (2 * h) - hv[j])).as("Hessian entry %d\n%s", j, c)
                    .isLessThanOrEqualTo(hTolerance);
        }
    }

    @Test
    void examplesAndIdentities() {
        // u = (0, log 3): S = (1/4, 3/4); v = (1, 0): <S, v> = 1/4, J v = (1/4 * 3/4, 3/4 * -1/4)
        double[] u = {0, Math.log(3)};
        double[] jv = Softmax.jacobianTimes(u, new double[] {1, 0}, new double[2]);
        Exact.assertUlps(jv[0], new Oracle(u).jacobianTimes(new double[] {1, 0}, new Oracle(u).dot(new double[] {1, 0}), 0)
                .toString(), 4);
        assertThat(jv[0]).isCloseTo(0.1875, org.assertj.core.data.Offset.offset(1e-15));
        assertThat(jv[1]).isCloseTo(-0.1875, org.assertj.core.data.Offset.offset(1e-15));
        // J 1 = 0: a constant direction does not change the softmax (c is normalized by the computed sum)
        for (double x : Softmax.jacobianTimes(new double[] {3, -1, 2, 0.5}, new double[] {2, 2, 2, 2}, new double[4])) {
            assertThat(Math.abs(x)).isLessThanOrEqualTo(0x1p-100);
        }
        assertThat(Softmax.jacobianTimes(new double[] {Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY},
                new double[] {1, 2}, new double[2])).containsOnly(0.0);
        // in place: out may be u
        double[] w = {1, 2, 3};
        double[] expected = Softmax.jacobianTimes(w.clone(), new double[] {1, -1, 0.5}, new double[3]);
        assertThat(Softmax.jacobianTimes(w, new double[] {1, -1, 0.5}, w)).isSameAs(w).isEqualTo(expected);
        // the Hessian scales with sum(p) only
        double[] hv = SoftmaxCrossEntropy.hessianTimes(new double[] {2, 0, 0}, new double[] {1, 2, 3},
                new double[] {1, -1, 0.5}, new double[3]);
        double[] hv2 = SoftmaxCrossEntropy.hessianTimes(new double[] {0, 0.5, 1.5}, new double[] {1, 2, 3},
                new double[] {1, -1, 0.5}, new double[3]);
        assertThat(hv).isEqualTo(hv2);
        for (int j = 0; j < 3; j++) {
            assertThat(hv[j]).isCloseTo(2 * expected[j], org.assertj.core.data.Offset.offset(4 * Math.ulp(hv[j])));
        }
    }

    @Test
    void specialCases() {
        double[] out = new double[3];
        assertThat(Softmax.jacobianTimes(new double[] {0, Double.NaN, 1}, new double[] {1, 2, 3}, out))
                .containsOnly(Double.NaN);
        assertThat(Softmax.jacobianTimes(new double[] {0, 1, 2}, new double[] {1, Double.POSITIVE_INFINITY, 3}, out))
                .containsOnly(Double.NaN);
        assertThat(Softmax.jacobianTimes(new double[] {0, 1, 2}, new double[] {1, Double.NaN, 3}, out))
                .containsOnly(Double.NaN);
        // a masked class gets 0
        Softmax.jacobianTimes(new double[] {0, Double.NEGATIVE_INFINITY, 1}, new double[] {1, 5, 3}, out);
        assertThat(out[1]).isEqualTo(0.0);
        // +inf logits: S is uniform over them, so J v is 0 where S is 0 or the v's agree there
        Softmax.jacobianTimes(new double[] {Double.POSITIVE_INFINITY, 0, Double.POSITIVE_INFINITY},
                new double[] {1, 5, 3}, out);
        assertThat(out).containsExactly(-0.5, 0.0, 0.5);
        assertThat(Softmax.jacobianTimes(new double[0], new double[0], new double[0])).isEmpty();
        assertThat(SoftmaxCrossEntropy.hessianTimes(new double[] {Double.NaN, 1, 0}, new double[] {0, 1, 2},
                new double[] {1, 2, 3}, out)).containsOnly(Double.NaN);
        assertThat(SoftmaxCrossEntropy.hessianTimes(new double[] {Double.MAX_VALUE, Double.MAX_VALUE, 0},
                new double[] {0, 1, 2}, new double[] {1, 2, 3}, out)).containsOnly(Double.NaN);
    }

    @Test
    void invalidArguments() {
        double[] u = {1, 2, 3};
        assertThatThrownBy(() -> Softmax.jacobianTimes(u, new double[2], new double[3]))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("v has length 2 but u has length 3");
        assertThatThrownBy(() -> Softmax.jacobianTimes(u, new double[3], new double[4]))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("out has length 4 but u has length 3");
        double[] v = {1, 1, 1};
        assertThatThrownBy(() -> Softmax.jacobianTimes(u, v, v)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("out must not be the same array as v");
        assertThatThrownBy(() -> Softmax.jacobianTimes(null, v, v)).isInstanceOf(NullPointerException.class)
                .hasMessage("u must not be null");
        double[] p = {1, 0, 0};
        assertThatThrownBy(() -> SoftmaxCrossEntropy.hessianTimes(p, u, v, p))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("out must not be the same array as target");
        assertThatThrownBy(() -> SoftmaxCrossEntropy.hessianTimes(3, u, v, new double[3]))
                .isInstanceOf(IndexOutOfBoundsException.class).hasMessage("label 3 is out of range [0, 3)");
        assertThatThrownBy(() -> SoftmaxCrossEntropy.hessianTimes(0, u, v, v))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("out must not be the same array as v");
    }
}
