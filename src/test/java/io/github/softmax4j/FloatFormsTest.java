package io.github.softmax4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.softmax4j.Cases.Case;
import io.github.softmax4j.Cases.Regime;
import java.math.BigDecimal;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The {@code float[]} forms: each result within 1 float ulp of the exact value of the float inputs. */
class FloatFormsTest {
    private static final Regime[] REGIMES = {
        Regime.ORDINARY, Regime.CONFIDENT, Regime.WIDE, Regime.TIES, Regime.MASKED, Regime.CANCELLING, Regime.TINY
    };

    static LongStream seeds() {
        return Cases.seeds(500);
    }

    static float[] floats(double[] x) {
        float[] f = new float[x.length];
        for (int j = 0; j < x.length; j++) {
            f[j] = (float) x[j];
        }
        return f;
    }

    static double[] doubles(float[] x) {
        double[] d = new double[x.length];
        for (int j = 0; j < x.length; j++) {
            d[j] = x[j];
        }
        return d;
    }

    /** Asserts {@code |actual - exact| <= 1 float ulp of exact}. */
    static void assertFloatUlp(float actual, BigDecimal exact, String what) {
        double e = exact.doubleValue();
        float nearest = (float) e;
        double ulp = Math.ulp(Math.abs(nearest));
        if (Math.abs(nearest) == Math.scalb(1.0f, Math.getExponent(nearest)) && exact.abs().compareTo(new BigDecimal(Math.abs(nearest))) < 0) {
            ulp /= 2; // below a power of two: the binade under it
        }
        ulp = Math.max(ulp, Float.MIN_VALUE);
        assertThat(new BigDecimal(actual).subtract(exact).abs().doubleValue()).as("%s: %s against %s", what, actual, exact)
                .isLessThanOrEqualTo(ulp);
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void everyFloatResultIsWithinOneFloatUlp(long seed) {
        Case c = Cases.of(seed, REGIMES, 200);
        float[] u = floats(c.u());
        double[] ud = doubles(u);
        if (Cases.argMax(ud) < 0 || ud[Cases.argMax(ud)] == Double.NEGATIVE_INFINITY) {
            return;
        }
        float[] p = floats(c.p());
        Oracle o = new Oracle(ud);
        assertFloatUlp(LogSumExp.of(u), o.logSumExp(), "LSE " + c);
        float[] s = Softmax.of(u, new float[u.length]);
        float[] ls = Softmax.log(u, new float[u.length]);
        float[] g = new float[u.length];
        float loss = SoftmaxCrossEntropy.valueAndGradient(c.label(), u, g);
        float[] tg = new float[u.length];
        float tLoss = SoftmaxCrossEntropy.valueAndGradient(p, u, tg);
        assertThat(SoftmaxCrossEntropy.value(c.label(), u)).isEqualTo(loss);
        assertThat(SoftmaxCrossEntropy.value(p, u)).isEqualTo(tLoss);
        BigDecimal pSum = Oracle.sum(doubles(p));
        double[] pd = doubles(p);
        if (o.loss(c.label()) != null) {
            assertFloatUlp(loss, o.loss(c.label()), "label loss " + c);
        }
        BigDecimal exactTargetLoss = o.loss(pd);
        if (exactTargetLoss != null) {
            assertFloatUlp(tLoss, exactTargetLoss, "target loss " + c);
        }
        for (int j = 0; j < u.length; j++) {
            assertFloatUlp(s[j], o.softmax(j), "softmax " + j + " " + c);
            if (o.logSoftmax(j) != null) {
                assertFloatUlp(ls[j], o.logSoftmax(j), "log-softmax " + j + " " + c);
            }
            assertFloatUlp(g[j], o.gradient(c.label(), j), "label gradient " + j + " " + c);
            // the target gradient: 1 float ulp of max(|sum(p) S_j|, |p_j|), where the difference may cancel
            BigDecimal exact = o.gradient(pSum, pd, j);
            BigDecimal scale = o.gradientScale(pSum, pd, j);
            double ulp = Math.max(Math.ulp((float) scale.doubleValue()), Float.MIN_VALUE);
            assertThat(new BigDecimal(tg[j]).subtract(exact).abs().doubleValue()).as("target gradient %d\n%s", j, c)
                    .isLessThanOrEqualTo(ulp);
        }
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void floatBatchesAreTheFloatRows(long seed) {
        int classes = 1 + (int) (seed % 9);
        int rows = 1 + (int) (seed % 5);
        float[] u = new float[rows * classes];
        float[] p = new float[rows * classes];
        int[] labels = new int[rows];
        for (int i = 0; i < rows; i++) {
            Case c = Cases.of(seed * 7 + i, Regime.ORDINARY, classes, classes);
            System.arraycopy(floats(c.u()), 0, u, i * classes, classes);
            System.arraycopy(floats(c.p()), 0, p, i * classes, classes);
            labels[i] = c.label();
        }
        float[] s = Softmax.rows(u, classes, new float[u.length]);
        float[] ls = Softmax.logRows(u, classes, new float[u.length]);
        float[] lse = LogSumExp.rows(u, classes, new float[rows]);
        CrossEntropyOptions options = CrossEntropyOptions.defaults().withLabelSmoothing(0.1);
        float[] losses = new float[rows];
        float[] grad = new float[u.length];
        float value = SoftmaxCrossEntropy.rows(labels, u, classes, options, losses, grad);
        double[] dLosses = new double[rows];
        double[] dGrad = new double[u.length];
        double dValue = SoftmaxCrossEntropy.rows(labels, doubles(u), classes, options, dLosses, dGrad);
        float[] tLosses = new float[rows];
        float[] tGrad = new float[u.length];
        float tValue = SoftmaxCrossEntropy.rows(p, u, classes, options, tLosses, tGrad);
        double[] dtLosses = new double[rows];
        double[] dtGrad = new double[u.length];
        double dtValue = SoftmaxCrossEntropy.rows(doubles(p), doubles(u), classes, options, dtLosses, dtGrad);
        assertThat(value).isEqualTo((float) dValue);
        assertThat(tValue).isEqualTo((float) dtValue);
        for (int i = 0; i < rows; i++) {
            float[] row = java.util.Arrays.copyOfRange(u, i * classes, (i + 1) * classes);
            assertThat(java.util.Arrays.copyOfRange(s, i * classes, (i + 1) * classes))
                    .isEqualTo(Softmax.of(row, new float[classes]));
            assertThat(java.util.Arrays.copyOfRange(ls, i * classes, (i + 1) * classes))
                    .isEqualTo(Softmax.log(row, new float[classes]));
            assertThat(lse[i]).isEqualTo(LogSumExp.of(row));
            assertThat(losses[i]).isEqualTo((float) dLosses[i]);
            assertThat(tLosses[i]).isEqualTo((float) dtLosses[i]);
        }
        for (int j = 0; j < u.length; j++) {
            assertThat(grad[j]).isEqualTo((float) dGrad[j]);
            assertThat(tGrad[j]).isEqualTo((float) dtGrad[j]);
        }
    }

    @Test
    void specialCasesAndInPlace() {
        float[] u = {1, Float.NEGATIVE_INFINITY, 2};
        assertThat(Softmax.of(u, new float[3])[1]).isEqualTo(0.0f);
        assertThat(Softmax.log(u, new float[3])[1]).isEqualTo(Float.NEGATIVE_INFINITY);
        assertThat(LogSumExp.of(new float[0])).isEqualTo(Float.NEGATIVE_INFINITY);
        assertThat(LogSumExp.of(new float[] {Float.NaN, 1})).isNaN();
        // the example of the core, in float: 4.248354e-18, not 0
        assertThat(SoftmaxCrossEntropy.value(0, new float[] {40, 0})).isEqualTo((float) 4.248354255291589e-18);
        float[] w = {3, 1, 2};
        float expected = SoftmaxCrossEntropy.valueAndGradient(0, w.clone(), new float[3]);
        float[] g = new float[3];
        SoftmaxCrossEntropy.valueAndGradient(0, w.clone(), g);
        assertThat(SoftmaxCrossEntropy.valueAndGradient(0, w, w)).isEqualTo(expected);
        assertThat(w).isEqualTo(g);
        float[] v = {3, 1, 2};
        assertThat(Softmax.of(v, v)).isSameAs(v).isEqualTo(Softmax.of(new float[] {3, 1, 2}, new float[3]));
    }

    @Test
    void invalidArguments() {
        assertThatThrownBy(() -> Softmax.of(new float[2], new float[3])).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("out has length 3 but u has length 2");
        assertThatThrownBy(() -> SoftmaxCrossEntropy.value(0, new float[0])).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("logits must not be empty: there is no distribution over zero classes");
        assertThatThrownBy(() -> SoftmaxCrossEntropy.value(2, new float[2])).isInstanceOf(IndexOutOfBoundsException.class)
                .hasMessage("label 2 is out of range [0, 2)");
        float[] p = {0.5f, 0.5f};
        assertThatThrownBy(() -> SoftmaxCrossEntropy.valueAndGradient(p, new float[2], p))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("gradOut must not be the same array as target");
        assertThatThrownBy(() -> Softmax.rows(new float[5], 2, new float[5])).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("u has length 5, which is not a multiple of classes 2");
        assertThatThrownBy(() -> LogSumExp.rows(new float[4], 2, new float[3])).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("out has length 3 but the rows of u has length 2");
    }
}
