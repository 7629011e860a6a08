package io.github.softmax4j;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SoftmaxCrossEntropyTest {
    static final double INF = Double.POSITIVE_INFINITY;
    static final double NAN = Double.NaN;

    @Test
    void confidentLabelKeepsItsTinyLossAndGradient() {
        // LSE([40, 0]) - 40 = log1p(e^-40) = 4.2483542552915889...e-18; S_0 - 1 = -e^-40 / (1 + e^-40)
        double[] u = {40, 0};
        assertThat(SoftmaxCrossEntropy.value(0, u)).isEqualTo(4.248354255291589e-18);
        assertThat(SoftmaxCrossEntropy.gradient(0, u)).containsExactly(-4.248354255291589e-18, 4.248354255291589e-18);
        assertThat(SoftmaxCrossEntropy.value(1, u)).isEqualTo(40.0);
    }

    @Test
    void confidentTargetKeepsItsTinyLoss() {
        assertThat(SoftmaxCrossEntropy.value(new double[] {1, 0}, new double[] {40, 0}))
                .isEqualTo(4.248354255291589e-18);
    }

    @Test
    void ordinaryExample() {
        double[] p = {0.7, 0.2, 0.1};
        double[] u = {2, 1, 0.1};
        // sum(p) LSE(u) - <p, u> for the doubles nearest 0.7, 0.2, 0.1
        Exact.assertUlps(SoftmaxCrossEntropy.value(p, u), "0.807030016277833492674267786918244690667", 2);
        // sum(p) S(u) - p to 40 digits; the contract: 3 ulps of max(|sum(p) S_j|, |p_j|)
        String[] exact = {
            "-0.04099886111403206732859385212256635086613",
            "0.04243297070471390356042778860153252398008",
            "-0.001434109590681836231833936478966173114008",
        };
        double[] g = SoftmaxCrossEntropy.gradient(p, u);
        for (int j = 0; j < 3; j++) {
            double scale = Math.max(Math.abs(g[j] + p[j]), p[j]);
            assertThat(new java.math.BigDecimal(g[j]).subtract(new java.math.BigDecimal(exact[j])).abs().doubleValue())
                    .as("gradient[%d] = %s", j, g[j]).isLessThanOrEqualTo(3 * Math.ulp(scale));
        }
    }

    @Test
    void hugeLogitsGiveTheFiniteExactLoss() {
        // 0.5 (1e308 - 1e308) + 0.5 (1e308 + 1e308) = 1e308, although 1e308 - (-1e308) overflows
        assertThat(SoftmaxCrossEntropy.value(new double[] {0.5, 0.5}, new double[] {1e308, -1e308})).isEqualTo(1e308);
        assertThat(SoftmaxCrossEntropy.gradient(new double[] {0.5, 0.5}, new double[] {1e308, -1e308}))
                .containsExactly(0.5, -0.5);
        assertThat(SoftmaxCrossEntropy.value(1, new double[] {1e308, -1e308})).isEqualTo(INF);
    }

    @Test
    void aWeightNearTheLargestDoubleAtTheMaximumKeepsAFiniteGradient() {
        // sum(p) S_0 - p_0 = 1.5e308 / 3 - 1.5e308 = -1e308, although p_0 s = 3e308 overflows on the way
        double[] g = SoftmaxCrossEntropy.gradient(new double[] {1.5e308, 0, 0}, new double[] {0, 0, 0});
        assertThat(Math.abs(g[0] + 1e308)).isLessThanOrEqualTo(3 * Math.ulp(1.5e308));
        assertThat(g[1]).isEqualTo(g[2]).isCloseTo(0.5e308, org.assertj.core.data.Offset.offset(3 * Math.ulp(1.5e308)));
    }

    @Test
    void weightsNeedNotSumToOne() {
        double[] u = {2, 1, 0.1};
        double[] p = {1.4, 0.4, 0.2};
        // twice the target of ordinaryExample (exactly, in doubles): twice its loss
        Exact.assertUlps(SoftmaxCrossEntropy.value(p, u), "1.614060032555666985348535573836489381334", 2);
        double[] s = Softmax.of(u);
        double[] g = SoftmaxCrossEntropy.gradient(p, u);
        for (int j = 0; j < 3; j++) {
            assertThat(g[j]).isCloseTo(2 * s[j] - p[j], org.assertj.core.data.Offset.offset(4e-16));
        }
        assertThat(SoftmaxCrossEntropy.value(new double[] {0, 0, 0}, u)).isEqualTo(0.0);
    }

    @Test
    void anyNaNLogitMakesEverythingNaN() {
        double[] u = {1, NAN, -INF};
        assertThat(SoftmaxCrossEntropy.value(0, u)).isNaN();
        assertThat(SoftmaxCrossEntropy.gradient(0, u)).containsOnly(NAN);
        assertThat(SoftmaxCrossEntropy.value(new double[] {1, 0, 0}, u)).isNaN();
        assertThat(SoftmaxCrossEntropy.gradient(new double[] {1, 0, 0}, u)).containsOnly(NAN);
        assertThat(SoftmaxCrossEntropy.value(new double[] {0, 1}, new double[] {INF, NAN})).isNaN();
        assertThat(SoftmaxCrossEntropy.gradient(new double[] {0, 1}, new double[] {-INF, NAN})).containsOnly(NAN);
        assertThat(SoftmaxCrossEntropy.value(new double[] {1, 0, 1}, new double[] {1, NAN, -INF})).isNaN();
    }

    @Test
    void nonFiniteTargetMakesEverythingNaN() {
        double[] u = {1, 2};
        assertThat(SoftmaxCrossEntropy.value(new double[] {NAN, 1}, u)).isNaN();
        assertThat(SoftmaxCrossEntropy.gradient(new double[] {INF, 1}, u)).containsOnly(NAN);
        assertThat(SoftmaxCrossEntropy.value(new double[] {1, NAN}, new double[] {INF, 0})).isNaN();
        assertThat(SoftmaxCrossEntropy.value(new double[] {Double.MAX_VALUE, Double.MAX_VALUE}, u)).isNaN();
    }

    @Test
    void zeroWeightOnAMaskedLogitCostsNothing() {
        double[] u = {0, -INF, 0};
        assertThat(SoftmaxCrossEntropy.value(new double[] {0.5, 0, 0.5}, u)).isEqualTo(Math.log(2));
        assertThat(SoftmaxCrossEntropy.gradient(new double[] {0.5, 0, 0.5}, u)).containsExactly(0.0, 0.0, 0.0);
    }

    @Test
    void positiveWeightOnAMaskedLogitCostsInfinity() {
        double[] u = {0, -INF, 0};
        assertThat(SoftmaxCrossEntropy.value(new double[] {0.5, 0.25, 0.25}, u)).isEqualTo(INF);
        assertThat(SoftmaxCrossEntropy.gradient(new double[] {0.5, 0.25, 0.25}, u)).containsExactly(0.0, -0.25, 0.25);
        assertThat(SoftmaxCrossEntropy.value(1, u)).isEqualTo(INF);
        assertThat(SoftmaxCrossEntropy.gradient(1, u)).containsExactly(0.5, -1.0, 0.5);
    }

    @Test
    void fullyMaskedVector() {
        double[] u = {-INF, -INF, -INF};
        assertThat(SoftmaxCrossEntropy.value(new double[] {0.2, 0, 0.8}, u)).isEqualTo(INF);
        assertThat(SoftmaxCrossEntropy.value(new double[] {0, 0, 0}, u)).isEqualTo(0.0);
        assertThat(SoftmaxCrossEntropy.gradient(new double[] {0.2, 0, 0.8}, u)).containsExactly(-0.2, 0.0, -0.8);
        assertThat(SoftmaxCrossEntropy.value(2, u)).isEqualTo(INF);
        assertThat(SoftmaxCrossEntropy.gradient(2, u)).containsExactly(0.0, 0.0, -1.0);
    }

    @Test
    void positiveInfiniteLogits() {
        double[] u = {INF, 3, INF};
        assertThat(SoftmaxCrossEntropy.value(0, u)).isEqualTo(Math.log(2));
        assertThat(SoftmaxCrossEntropy.gradient(0, u)).containsExactly(-0.5, 0.0, 0.5);
        assertThat(SoftmaxCrossEntropy.value(1, u)).isEqualTo(INF);
        assertThat(SoftmaxCrossEntropy.gradient(1, u)).containsExactly(0.5, -1.0, 0.5);
        assertThat(SoftmaxCrossEntropy.value(new double[] {0.5, 0, 0.5}, u)).isEqualTo(Math.log(2));
        assertThat(SoftmaxCrossEntropy.gradient(new double[] {0.25, 0, 0.75}, u)).containsExactly(0.25, 0.0, -0.25);
        assertThat(SoftmaxCrossEntropy.value(new double[] {0.5, 0.1, 0.4}, u)).isEqualTo(INF);
        assertThat(SoftmaxCrossEntropy.value(0, new double[] {INF})).isEqualTo(0.0);
        assertThat(SoftmaxCrossEntropy.gradient(0, new double[] {INF})).containsExactly(0.0);
    }

    /**
     * With positive-infinite logits the loss is {@code sum(p) log c} and the gradient {@code sum(p) / c - p_j}:
     * the weights' sum is compensated, so 1,000 weights of 1e-17 next to a weight of 1 still count.
     */
    @Test
    void positiveInfiniteLogitsSumTheWeightsCompensated() {
        int n = 1001;
        double[] u = new double[n + 1];
        double[] p = new double[n + 1];
        java.util.Arrays.fill(u, INF);
        java.util.Arrays.fill(p, 1e-17);
        p[0] = 1;
        u[n] = 7; // a finite logit with weight 0: not one of the c = 1001
        p[n] = 0;
        java.math.BigDecimal sum = java.math.BigDecimal.ONE.add(new java.math.BigDecimal(1e-17).multiply(
                java.math.BigDecimal.valueOf(n - 1)));
        double loss = SoftmaxCrossEntropy.value(p, u);
        // sum(p) and log c each rounded, then their product: three roundings
        double want = sum.multiply(new java.math.BigDecimal(Math.log(n))).doubleValue();
        assertThat(loss).isCloseTo(want, org.assertj.core.data.Offset.offset(2 * Math.ulp(want)));
        double[] grad = SoftmaxCrossEntropy.gradient(p, u);
        java.math.BigDecimal share = sum.divide(java.math.BigDecimal.valueOf(n), java.math.MathContext.DECIMAL128);
        double want0 = share.subtract(java.math.BigDecimal.ONE).doubleValue();
        double wantJ = share.subtract(new java.math.BigDecimal(1e-17)).doubleValue();
        assertThat(grad[0]).isCloseTo(want0, org.assertj.core.data.Offset.offset(2 * Math.ulp(want0)));
        assertThat(grad[1]).isCloseTo(wantJ, org.assertj.core.data.Offset.offset(2 * Math.ulp(wantJ)));
        assertThat(grad[n]).isEqualTo(0.0);
    }

    @Test
    void singleClassHasZeroLossAndGradient() {
        assertThat(SoftmaxCrossEntropy.value(0, new double[] {5})).isEqualTo(0.0);
        assertThat(SoftmaxCrossEntropy.gradient(0, new double[] {5})).containsExactly(0.0);
        assertThat(SoftmaxCrossEntropy.value(new double[] {2}, new double[] {5})).isEqualTo(0.0);
        assertThat(SoftmaxCrossEntropy.gradient(new double[] {2}, new double[] {5})).containsExactly(0.0);
    }

    @Test
    void tiedMaximaShareTheGradientEqually() {
        double[] g = SoftmaxCrossEntropy.gradient(2, new double[] {1, 1, 0, 1});
        assertThat(g[0]).isEqualTo(g[1]).isEqualTo(g[3]);
        double[] h = SoftmaxCrossEntropy.gradient(new double[] {0, 0, 1, 0}, new double[] {1, 1, 0, 1});
        assertThat(h[0]).isEqualTo(h[1]).isEqualTo(h[3]);
    }

    @Test
    void valueAndGradientAgreeWithTheSeparateMethodsAndWorkInPlace() {
        double[] p = {0.7, 0.2, 0.1};
        double[] u = {2, 1, 0.1};
        double[] g = new double[3];
        assertThat(SoftmaxCrossEntropy.valueAndGradient(p, u, g)).isEqualTo(SoftmaxCrossEntropy.value(p, u));
        assertThat(g).containsExactly(SoftmaxCrossEntropy.gradient(p, u));
        double[] out = new double[3];
        assertThat(SoftmaxCrossEntropy.gradient(p, u, out)).isSameAs(out).containsExactly(g);
        double[] inPlace = u.clone();
        assertThat(SoftmaxCrossEntropy.valueAndGradient(p, inPlace, inPlace)).isEqualTo(SoftmaxCrossEntropy.value(p, u));
        assertThat(inPlace).containsExactly(g);

        double[] gy = new double[3];
        assertThat(SoftmaxCrossEntropy.valueAndGradient(1, u, gy)).isEqualTo(SoftmaxCrossEntropy.value(1, u));
        assertThat(gy).containsExactly(SoftmaxCrossEntropy.gradient(1, u));
        assertThat(SoftmaxCrossEntropy.gradient(1, u, out)).isSameAs(out).containsExactly(gy);
        inPlace = u.clone();
        assertThat(SoftmaxCrossEntropy.gradient(1, inPlace, inPlace)).isSameAs(inPlace).containsExactly(gy);
        assertThat(u).containsExactly(2, 1, 0.1);
        assertThat(p).containsExactly(0.7, 0.2, 0.1);
    }
}
