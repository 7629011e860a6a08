package io.github.softmax4j;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SoftmaxTest {
    static final double INF = Double.POSITIVE_INFINITY;
    static final double NAN = Double.NaN;

    @Test
    void ordinaryExample() {
        // e^(u_k - LSE) and u_k - LSE with LSE = 2.4170300162778334831549...
        double[] s = Softmax.of(new double[] {2, 1, 0.1});
        Exact.assertUlps(s[0], "0.6590011388859679065534411040062258447360", 3);
        Exact.assertUlps(s[1], "0.2424329707047139213915246849693343810309", 3);
        Exact.assertUlps(s[2], "0.0985658904093181720550342110244397742330", 3);
        double[] l = Softmax.log(new double[] {2, 1, 0.1});
        Exact.assertUlps(l[0], "-0.4170300162778334831549384698266343550773", 2);
        Exact.assertUlps(l[1], "-1.4170300162778334831549384698266343550773", 2);
        Exact.assertUlps(l[2], "-2.3170300162778334776038233467008516529592", 2);
    }

    @Test
    void logSoftmaxOfAConfidentMaximumKeepsItsTinyValue() {
        // -log1p(e^-100) = -3.7200759760208359...e-44; u - LSE(u) in doubles gives 0
        assertThat(Softmax.log(new double[] {100, 0})[0]).isEqualTo(-3.720075976020836e-44);
        assertThat(Softmax.log(new double[] {100, 0})[1]).isEqualTo(-100.0);
        assertThat(Softmax.of(new double[] {100, 0})).containsExactly(1.0, 3.720075976020836e-44);
    }

    @Test
    void emptyGivesEmpty() {
        assertThat(Softmax.of(new double[0])).isEmpty();
        assertThat(Softmax.log(new double[0])).isEmpty();
    }

    @Test
    void anyNaNMakesEveryOutputNaN() {
        assertThat(Softmax.of(new double[] {1, NAN, -INF})).containsOnly(NAN);
        assertThat(Softmax.log(new double[] {1, NAN, -INF})).containsOnly(NAN);
        assertThat(Softmax.of(new double[] {INF, NAN})).containsOnly(NAN);
        assertThat(Softmax.log(new double[] {-INF, NAN})).containsOnly(NAN);
    }

    @Test
    void negativeInfinityIsMasked() {
        assertThat(Softmax.of(new double[] {0, -INF, 0})).containsExactly(0.5, 0.0, 0.5);
        assertThat(Softmax.log(new double[] {0, -INF, 0})).containsExactly(-Math.log(2), -INF, -Math.log(2));
    }

    @Test
    void fullyMaskedVectorIsZeroAndNegativeInfinity() {
        assertThat(Softmax.of(new double[] {-INF, -INF, -INF})).containsExactly(0.0, 0.0, 0.0);
        assertThat(Softmax.log(new double[] {-INF, -INF})).containsExactly(-INF, -INF);
    }

    @Test
    void positiveInfinitySharesTheMassEqually() {
        assertThat(Softmax.of(new double[] {INF, 1e308, INF, -INF})).containsExactly(0.5, 0.0, 0.5, 0.0);
        assertThat(Softmax.of(new double[] {INF, 0, INF, INF})).containsExactly(1.0 / 3, 0.0, 1.0 / 3, 1.0 / 3);
        assertThat(Softmax.log(new double[] {INF, 0, INF})).containsExactly(-Math.log(2), -INF, -Math.log(2));
        assertThat(Softmax.of(new double[] {INF})).containsExactly(1.0);
        assertThat(Softmax.log(new double[] {INF})).containsExactly(0.0);
    }

    @Test
    void tiesShareTheMassExactly() {
        double[] s = Softmax.of(new double[] {2, -1, 2, 2});
        assertThat(s[0]).isEqualTo(s[2]).isEqualTo(s[3]);
        double[] l = Softmax.log(new double[] {2, -1, 2, 2});
        assertThat(l[0]).isEqualTo(l[2]).isEqualTo(l[3]);
    }

    @Test
    void singleEntryIsOne() {
        assertThat(Softmax.of(new double[] {-123.4})).containsExactly(1.0);
        assertThat(Softmax.log(new double[] {-123.4})).containsExactly(0.0);
    }

    @Test
    void wideSpreadStaysAccurate() {
        // exp(-700.4) / (1 + exp(-700.4)) = 6.1218546...e-305 (700.4 is not exact: the shift's error matters)
        double[] s = Softmax.of(new double[] {0.25, 0.25 - 700.4});
        assertThat(s[1]).isCloseTo(Math.exp(-700.4), org.assertj.core.data.Offset.offset(4 * Math.ulp(s[1])));
    }

    @Test
    void outputArrayIsReturnedAndInPlaceWorks() {
        double[] u = {2, 1, 0.1};
        double[] out = new double[3];
        assertThat(Softmax.of(u, out)).isSameAs(out);
        assertThat(u).containsExactly(2, 1, 0.1);
        assertThat(Softmax.of(u, u)).isSameAs(u).containsExactly(out);
        double[] v = {2, 1, 0.1};
        double[] logOut = new double[3];
        assertThat(Softmax.log(v, logOut)).isSameAs(logOut);
        assertThat(Softmax.log(v, v)).isSameAs(v).containsExactly(logOut);
    }
}
