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

    /**
     * A constant {@code v} is in the Jacobian's null space ({@code J 1 = S - S = 0}): {@code <S, v>} is
     * carried as a double-double over the computed softmax's own sum, so {@code v_j - <S, v>} and each entry
     * are within about 2^-100 of {@code |v| S_j}, for the Hessian too.
     */
    @Test
    void constantVectorsGiveZeroToDoubleDoublePrecision() {
        SplittableRandom r = new SplittableRandom(21);
        for (int rep = 0; rep < 40; rep++) {
            int n = 1 + r.nextInt(1500);
            double[] u = new double[n];
            for (int j = 0; j < n; j++) {
                u[j] = r.nextDouble(-20, 20);
            }
            double c = r.nextDouble(-1e3, 1e3);
            double[] v = new double[n];
            java.util.Arrays.fill(v, c);
            double[] s = Softmax.of(u);
            double[] jv = Softmax.jacobianTimes(u, v, new double[n]);
            double[] p = {2.5};
            double[] target = new double[n];
            target[r.nextInt(n)] = 2.5;
            double[] hv = SoftmaxCrossEntropy.hessianTimes(target, u, v, new double[n]);
            for (int j = 0; j < n; j++) {
                assertThat(Math.abs(jv[j])).as("n = %d, j = %d", n, j).isLessThanOrEqualTo(0x1p-96 * Math.abs(c) * s[j]);
                assertThat(Math.abs(hv[j])).as("n = %d, j = %d", n, j)
                        .isLessThanOrEqualTo(0x1p-96 * p[0] * Math.abs(c) * s[j]);
            }
        }
    }

    /**
     * Each entry is {@code S_j (v_j - <S, v> / sum S)} for the computed {@code S}, rounded once (twice with
     * the Hessian's factor): {@code <S, v>} and the difference are double-doubles. {@code v} close to a
     * constant makes the difference cancel almost entirely, so an error of one rounding in {@code <S, v>}
     * would show as a large relative error here.
     */
    @Test
    void entriesAreRoundedOnceAfterTheSoftmax() {
        SplittableRandom r = new SplittableRandom(24);
        java.math.MathContext mc = new java.math.MathContext(60);
        for (int rep = 0; rep < 60; rep++) {
            int n = 2 + r.nextInt(300);
            double[] u = new double[n];
            double[] v = new double[n];
            double[] target = new double[n];
            double c = r.nextDouble(-100, 100);
            for (int j = 0; j < n; j++) {
                u[j] = r.nextDouble(-10, 10);
                v[j] = c + c * 1e-9 * r.nextDouble(-1, 1);
                target[j] = r.nextDouble();
            }
            double[] s = Softmax.of(u);
            BigDecimal sv = BigDecimal.ZERO;
            BigDecimal ss = BigDecimal.ZERO;
            BigDecimal f = BigDecimal.ZERO;
            for (int j = 0; j < n; j++) {
                sv = sv.add(new BigDecimal(s[j]).multiply(new BigDecimal(v[j])));
                ss = ss.add(new BigDecimal(s[j]));
                f = f.add(new BigDecimal(target[j]));
            }
            BigDecimal mean = sv.divide(ss, mc);
            double[] jv = Softmax.jacobianTimes(u, v, new double[n]);
            double[] hv = SoftmaxCrossEntropy.hessianTimes(target, u, v, new double[n]);
            for (int j = 0; j < n; j++) {
                BigDecimal want = new BigDecimal(s[j]).multiply(new BigDecimal(v[j]).subtract(mean));
                double slack = 0x1p-98 * Math.abs(c) * s[j];
                double jError = new BigDecimal(jv[j]).subtract(want).abs().doubleValue();
                assertThat(jError).as("n = %d, j = %d", n, j).isLessThanOrEqualTo(0.5 * Math.ulp(jv[j]) + slack);
                BigDecimal hWant = want.multiply(f);
                double hError = new BigDecimal(hv[j]).subtract(hWant).abs().doubleValue();
                // half an ulp of the Jacobian's entry, times f (up to a whole ulp of the product), and half an
                // ulp of the product
                assertThat(hError).as("n = %d, j = %d", n, j)
                        .isLessThanOrEqualTo(1.5 * Math.ulp(hv[j]) + f.doubleValue() * slack);
            }
        }
    }

    /**
     * The Hessian is the target's sum times the Jacobian: a sum that is exact in double (2.5) multiplies each
     * entry with one rounding, and a sum that plain addition would round ({@code 1 + 1000 * 1e-17}) is taken
     * compensated, so the entries carry its last digits.
     */
    @Test
    void hessianScalesByTheTargetsExactSum() {
        SplittableRandom r = new SplittableRandom(22);
        int n = 1001;
        double[] u = new double[n];
        double[] v = new double[n];
        for (int j = 0; j < n; j++) {
            u[j] = r.nextDouble(-3, 3);
            v[j] = r.nextDouble(-1, 1);
        }
        double[] jv = Softmax.jacobianTimes(u, v, new double[n]);
        double[] twoAndAHalf = new double[n];
        twoAndAHalf[3] = 2.5;
        double[] hv = SoftmaxCrossEntropy.hessianTimes(twoAndAHalf, u, v, new double[n]);
        double[] tiny = new double[n];
        java.util.Arrays.fill(tiny, 1e-17);
        tiny[0] = 1;
        double[] hTiny = SoftmaxCrossEntropy.hessianTimes(tiny, u, v, new double[n]);
        BigDecimal sum = BigDecimal.ONE.add(new BigDecimal(1e-17).multiply(BigDecimal.valueOf(n - 1)));
        for (int j = 0; j < n; j++) {
            // both round the same unrounded S_j (v_j - <S, v>) once more
            assertThat(hv[j]).isCloseTo(2.5 * jv[j], org.assertj.core.data.Offset.offset(2 * Math.ulp(hv[j])));
            double want = new BigDecimal(jv[j]).multiply(sum).doubleValue();
            assertThat(hTiny[j]).as("j = %d", j).isCloseTo(want, org.assertj.core.data.Offset.offset(2 * Math.ulp(want)));
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
        // also where S is 0
        assertThat(Softmax.jacobianTimes(new double[] {0, Double.NEGATIVE_INFINITY, 2}, new double[] {1, 2, Double.NaN},
                out)).containsOnly(Double.NaN);
        assertThat(Softmax.jacobianTimes(new double[] {Double.NEGATIVE_INFINITY, 1, 2},
                new double[] {Double.NEGATIVE_INFINITY, 2, 3}, out)).containsOnly(Double.NaN);
        // v near the largest double: v_j - <S, v> overflows, the entries do not; S = (3/4, 1/4), <S, v> = -MAX / 2
        double max = Double.MAX_VALUE;
        double[] big = Softmax.jacobianTimes(new double[] {Math.log(3), 0}, new double[] {-max, max}, new double[2]);
        assertThat(big[0]).isCloseTo(-0.375 * max, org.assertj.core.data.Offset.offset(4 * Math.ulp(0.375 * max)));
        assertThat(big[1]).isCloseTo(0.375 * max, org.assertj.core.data.Offset.offset(4 * Math.ulp(0.375 * max)));
        // times a target sum of about 8 (its double-double low part negative) they overflow, to infinities of
        // their signs, not NaN
        double[] hBig = SoftmaxCrossEntropy.hessianTimes(new double[] {8, 3 * 0x1p-51}, new double[] {Math.log(3), 0},
                new double[] {-max, max}, new double[2]);
        assertThat(hBig).containsExactly(Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY);
        // every logit masked: S = 0, and so is every entry, whatever v is
        assertThat(Softmax.jacobianTimes(new double[] {Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY},
                new double[] {1, 2}, new double[] {7, 7})).containsExactly(0.0, 0.0);
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
