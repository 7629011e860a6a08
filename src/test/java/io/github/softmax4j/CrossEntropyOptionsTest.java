package io.github.softmax4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.softmax4j.Cases.Case;
import io.github.softmax4j.CrossEntropyOptions.Reduction;
import java.math.BigDecimal;
import java.util.SplittableRandom;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The options of the batch loss: PyTorch's semantics, the BigDecimal oracle, finite differences, edge cases. */
class CrossEntropyOptionsTest {
    private static final CrossEntropyOptions DEFAULTS = CrossEntropyOptions.defaults();

    // Three rows of three classes; the expected values below are torch.nn.functional.cross_entropy's formulas
    // evaluated to 50 digits from the exact binary values of these inputs (Python's decimal module):
    //   labels: sum_i [(1 - eps) w_y (-log S_iy) + (eps / K) sum_k w_k (-log S_ik)] / sum_i w_{y_i}
    //   soft targets: sum_i [-sum_k w_k ((1 - eps) p_ik + eps / K) log S_ik] / N
    private static final double[] U = {1.0, 2.0, 3.0, 1.0, -1.0, 0.5, 0.25, 0.0, -2.0};
    private static final int[] Y = {2, 0, 1};
    private static final double[] W = {0.2, 0.3, 0.5};
    private static final double[] P = {0.1, 0.2, 0.7, 0.5, 0.25, 0.25, 0.0, 1.0, 0.0};

    @Test
    void matchesPyTorchFormulasOnALiteralBatch() {
        // each expected value is within the bound of its row losses (2 ulps each, compensated sum) plus the
        // rounding of the target (1 ulp) and of the mean's division: 4 ulps
        Exact.assertUlps(value(DEFAULTS), "0.61535540525666676575349073084373607234328891201213", 4);
        Exact.assertUlps(value(DEFAULTS.withClassWeights(W)), "0.5798453656556770815827460057512964519581013316345", 4);
        Exact.assertUlps(value(DEFAULTS.withLabelSmoothing(0.1)), "0.69591096081222232578077791336172769349402757515573", 4);
        Exact.assertUlps(value(DEFAULTS.withClassWeights(W).withLabelSmoothing(0.1)),
                "0.66672970294910938769361047179006001854005630251399", 4);
        Exact.assertUlps(value(DEFAULTS.withIgnoredLabel(0)), "0.6455546480640048244083274970107568506311357964255", 4);
        Exact.assertUlps(value(DEFAULTS.withReduction(Reduction.SUM)), "1.8460662157700002972604721925312082170298667360364", 4);
        Exact.assertUlps(SoftmaxCrossEntropy.rows(P, U, 3, DEFAULTS, null, null),
                "0.95702207192333343605053150583899704152454419086887", 4);
        Exact.assertUlps(SoftmaxCrossEntropy.rows(P, U, 3, DEFAULTS.withClassWeights(W).withLabelSmoothing(0.2), null, null),
                "0.34172821993500521166964190121045799685879455790637", 4);
    }

    private static double value(CrossEntropyOptions options) {
        return SoftmaxCrossEntropy.rows(Y, U, 3, options, null, null);
    }

    @Test
    void pyTorchsIgnoreIndexIsAnyValue() {
        int[] labels = {2, -100, 1};
        double[] losses = new double[3];
        double[] grad = new double[9];
        double mean = SoftmaxCrossEntropy.rows(labels, U, 3, DEFAULTS.withIgnoredLabel(-100), losses, grad);
        assertThat(losses[1]).isEqualTo(0.0);
        assertThat(BatchTest.slice(grad, 1, 3)).containsOnly(0.0);
        assertThat(mean).isEqualTo((losses[0] + losses[2]) / 2);
        assertThatThrownBy(() -> SoftmaxCrossEntropy.rows(labels, U, 3, DEFAULTS, null, null))
                .isInstanceOf(IndexOutOfBoundsException.class)
                .hasMessage("labels[1] is -100, out of range [0, 3)");
    }

    @Test
    void aMeanOverNothingIsZeroWithAZeroGradient() {
        double[] grad = {9, 9, 9, 9, 9, 9, 9, 9, 9};
        double[] losses = new double[3];
        assertThat(SoftmaxCrossEntropy.rows(new int[] {1, 1, 1}, U, 3, DEFAULTS.withIgnoredLabel(1), losses, grad))
                .isEqualTo(0.0);
        assertThat(grad).containsOnly(0.0);
        assertThat(losses).containsOnly(0.0);
        // every label's weight 0, but smoothing puts weight elsewhere: PyTorch divides by 0, here 0
        double[] weights = {1, 0, 1};
        assertThat(SoftmaxCrossEntropy.rows(new int[] {1, 1, 1}, U, 3,
                DEFAULTS.withClassWeights(weights).withLabelSmoothing(0.3), losses, grad)).isEqualTo(0.0);
        assertThat(grad).containsOnly(0.0);
        assertThat(losses[0]).isPositive(); // the rows' own losses are still reported
        assertThat(SoftmaxCrossEntropy.rows(new int[0], new double[0], 3, DEFAULTS, new double[0], new double[0]))
                .isEqualTo(0.0);
        // the same in the other layouts
        double[][] rows = {{1, 2, 3}, {1, -1, 0.5}};
        double[][] rowGrad = {{9, 9, 9}, {9, 9, 9}};
        assertThat(SoftmaxCrossEntropy.rows(new int[] {1, 1}, rows, DEFAULTS.withIgnoredLabel(1), null, rowGrad))
                .isEqualTo(0.0);
        assertThat(rowGrad[0]).containsOnly(0.0);
        assertThat(rowGrad[1]).containsOnly(0.0);
        float[] floatGrad = {9, 9, 9, 9, 9, 9};
        float[] floatLosses = new float[2];
        assertThat(SoftmaxCrossEntropy.rows(new int[] {1, 1}, new float[] {1, 2, 3, 1, -1, 0.5f}, 3,
                DEFAULTS.withIgnoredLabel(1), floatLosses, floatGrad)).isEqualTo(0.0f);
        assertThat(floatGrad).containsOnly(0.0f);
        // float losses without a gradient
        float[] floatLosses2 = new float[2];
        SoftmaxCrossEntropy.rows(new int[] {0, 2}, new float[] {1, 2, 3, 1, -1, 0.5f}, 3, DEFAULTS, floatLosses2, null);
        assertThat(floatLosses2[0]).isEqualTo((float) SoftmaxCrossEntropy.value(0, new double[] {1, 2, 3}));
    }

    @Test
    void aMeanOverWeightsWhoseSumOverflowsIsStillTheMean() {
        // w[0] = 1e308 on two rows: the divisor 2e308 overflows, the mean (l_0 + l_1) / 2 does not
        double[] u = {0, 0, 1, 0};
        double[] grad = new double[4];
        double mean = SoftmaxCrossEntropy.rows(new int[] {0, 0}, u, 2, DEFAULTS.withClassWeights(new double[] {1e308, 1}),
                null, grad);
        double l0 = SoftmaxCrossEntropy.value(0, new double[] {0, 0});
        double l1 = SoftmaxCrossEntropy.value(0, new double[] {1, 0});
        assertThat(mean).isCloseTo((l0 + l1) / 2, org.assertj.core.data.Offset.offset(4 * Math.ulp(l0)));
        double[] g0 = SoftmaxCrossEntropy.gradient(0, new double[] {0, 0});
        assertThat(grad[0]).isCloseTo(g0[0] / 2, org.assertj.core.data.Offset.offset(4 * Math.ulp(g0[0])));
    }

    @Test
    void specialCasesOfTheCoreHoldRowByRow() {
        double[] u = {0, Double.NaN, 1, 2, Double.NEGATIVE_INFINITY, 0};
        double[] losses = new double[2];
        double[] grad = new double[6];
        double value = SoftmaxCrossEntropy.rows(new int[] {0, 1}, u, 3, DEFAULTS.withLabelSmoothing(0.1), losses, grad);
        assertThat(losses[0]).isNaN();
        assertThat(BatchTest.slice(grad, 0, 3)).containsOnly(Double.NaN);
        assertThat(value).isNaN();
        // smoothing puts weight on the masked class: +inf, as the target form's special case says
        assertThat(losses[1]).isEqualTo(Double.POSITIVE_INFINITY);
        double plain = SoftmaxCrossEntropy.rows(new int[] {0}, new double[] {2, Double.NEGATIVE_INFINITY, 0}, 3,
                DEFAULTS, losses = new double[1], null);
        assertThat(plain).isEqualTo(SoftmaxCrossEntropy.value(0, new double[] {2, Double.NEGATIVE_INFINITY, 0}));
    }

    static LongStream seeds() {
        return Cases.seeds(300);
    }

    /** Random options for a seed: each option on or off, the weights and values random. */
    static CrossEntropyOptions options(SplittableRandom r, int classes) {
        CrossEntropyOptions o = DEFAULTS;
        if (r.nextBoolean()) {
            double[] w = new double[classes];
            for (int k = 0; k < classes; k++) {
                w[k] = r.nextInt(4) == 0 ? 0.0 : r.nextDouble(0.1, 3);
            }
            o = o.withClassWeights(w);
        }
        if (r.nextBoolean()) {
            o = o.withLabelSmoothing(r.nextDouble(0, 0.5));
        }
        if (r.nextBoolean()) {
            o = o.withTemperature(r.nextBoolean() ? 0.5 : r.nextDouble(0.3, 4));
        }
        return o.withReduction(r.nextBoolean() ? Reduction.SUM : Reduction.MEAN);
    }

    /**
     * The effective target and the scaled logits of one row, formed here as the documentation states (in
     * double), independently of the library.
     */
    static double[] target(CrossEntropyOptions o, int classes, int label, double[] p) {
        double eps = o.labelSmoothing();
        double[] w = o.classWeights();
        double[] q = new double[classes];
        for (int k = 0; k < classes; k++) {
            double wk = w == null ? 1.0 : w[k];
            if (p == null) {
                q[k] = (eps / classes) * wk;
            } else {
                double t = eps == 0 ? p[k] : (1 - eps) * p[k] + eps / classes;
                q[k] = w == null ? t : wk * t;
            }
        }
        if (p == null) {
            q[label] += (1 - eps) * (w == null ? 1.0 : w[label]);
        }
        return q;
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void rowLossesAndGradientsMatchTheOracle(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        int classes = 1 + r.nextInt(12);
        int rows = 1 + r.nextInt(5);
        CrossEntropyOptions o = options(r, classes);
        boolean soft = r.nextBoolean();
        double[] u = new double[rows * classes];
        double[] p = new double[rows * classes];
        int[] labels = new int[rows];
        for (int i = 0; i < rows; i++) {
            Case c = Cases.of(seed * 31 + i, Cases.SMOOTH, classes);
            Case sized = c.u().length == classes ? c : Cases.of(seed * 31 + i, Cases.Regime.ORDINARY, classes, classes);
            System.arraycopy(sized.u(), 0, u, i * classes, classes);
            System.arraycopy(sized.p(), 0, p, i * classes, classes);
            labels[i] = sized.label();
        }
        double[] losses = new double[rows];
        double[] grad = new double[u.length];
        double value = soft ? SoftmaxCrossEntropy.rows(p, u, classes, o, losses, grad)
                : SoftmaxCrossEntropy.rows(labels, u, classes, o, losses, grad);
        double t = o.temperature();
        BigDecimal divisor = BigDecimal.ONE;
        if (o.reduction() == Reduction.MEAN) {
            if (soft) {
                divisor = BigDecimal.valueOf(rows);
            } else {
                divisor = BigDecimal.ZERO;
                for (int y : labels) {
                    divisor = divisor.add(new BigDecimal(o.classWeights() == null ? 1.0 : o.classWeights()[y]));
                }
            }
        }
        BigDecimal total = BigDecimal.ZERO;
        for (int i = 0; i < rows; i++) {
            double[] z = new double[classes];
            for (int j = 0; j < classes; j++) {
                z[j] = u[i * classes + j] / t;
            }
            double[] q = target(o, classes, labels[i], soft ? BatchTest.slice(p, i, classes) : null);
            Oracle oracle = new Oracle(z);
            BigDecimal loss = oracle.loss(q);
            total = total.add(loss);
            assertThat(Oracle.ulps(losses[i], loss)).as("row %d loss %s, seed %d", i, losses[i], seed)
                    .isLessThanOrEqualTo(2.0);
            if (divisor.signum() == 0) {
                continue;
            }
            BigDecimal qSum = Oracle.sum(q);
            BigDecimal factor = new BigDecimal(t).multiply(divisor);
            for (int j = 0; j < classes; j++) {
                BigDecimal exact = oracle.gradient(qSum, q, j).divide(factor, Oracle.MC);
                BigDecimal scale = oracle.gradientScale(qSum, q, j).divide(factor, Oracle.MC);
                // 3 ulps <= 3 * 2^-52 of the scale before the divisions, then 2^-53 relative per division
                double bound = (3 * 0x1p-52 + 2 * 0x1p-53) * scale.doubleValue() + 4 * Double.MIN_VALUE;
                double error = new BigDecimal(grad[i * classes + j]).subtract(exact).abs().doubleValue();
                assertThat(error).as("row %d entry %d: %s against %s, seed %d", i, j, grad[i * classes + j], exact, seed)
                        .isLessThanOrEqualTo(bound);
            }
        }
        if (divisor.signum() == 0) {
            assertThat(value).isEqualTo(0.0);
            assertThat(grad).containsOnly(0.0);
        } else {
            // row losses within 2 ulps each, all >= 0: the compensated sum adds half an ulp, the division another
            BigDecimal exact = total.divide(divisor, Oracle.MC);
            assertThat(Oracle.ulps(value, exact)).as("value %s, seed %d", value, seed).isLessThanOrEqualTo(3.0);
        }
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void gradientOfTheReducedValueMatchesFiniteDifferences(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        Case c = Cases.of(seed, Cases.SMOOTH, 40);
        int classes = c.u().length;
        CrossEntropyOptions o = options(r, classes);
        boolean soft = r.nextBoolean();
        double[] grad = new double[classes];
        int[] label = {c.label()};
        if (soft) {
            SoftmaxCrossEntropy.rows(c.p(), c.u(), classes, o, null, grad);
        } else {
            SoftmaxCrossEntropy.rows(label, c.u(), classes, o, null, grad);
        }
        double[] q = target(o, classes, c.label(), soft ? c.p() : null);
        double qSum = 0;
        for (double x : q) {
            qSum += x;
        }
        double divisor = o.reduction() == Reduction.SUM ? 1.0
                : soft ? 1.0 : o.classWeights() == null ? 1.0 : o.classWeights()[c.label()];
        if (divisor == 0) {
            assertThat(grad).containsOnly(0.0);
            return;
        }
        double t = o.temperature();
        // f(u) = h(u / T) / divisor: its second and third derivatives scale by 1/T^2 and 1/T^3
        double weight = qSum * Math.max(1 / (t * t), 1 / (t * t * t)) / divisor;
        Case scaled = new Case(c.seed(), c.regime(), c.u(), q, c.label());
        FiniteDifferenceTest.check(scaled, weight, grad, v -> soft
                ? SoftmaxCrossEntropy.rows(c.p(), v, classes, o, null, null)
                : SoftmaxCrossEntropy.rows(label, v, classes, o, null, null));
    }

    /** Smoothing alone on soft targets: the row's loss is the plain loss on {@code (1 - eps) p + eps / K}. */
    @Test
    void smoothingAloneAppliesToSoftTargets() {
        SplittableRandom r = new SplittableRandom(31);
        for (int rep = 0; rep < 20; rep++) {
            double[] u = {r.nextDouble(-5, 5), r.nextDouble(-5, 5), r.nextDouble(-5, 5)};
            double[] p = {r.nextDouble(), r.nextDouble(), r.nextDouble()};
            double eps = r.nextDouble();
            double[] q = new double[3];
            for (int k = 0; k < 3; k++) {
                q[k] = (1 - eps) * p[k] + eps / 3;
            }
            double[] losses = new double[1];
            SoftmaxCrossEntropy.rows(p, u, 3, DEFAULTS.withLabelSmoothing(eps).withReduction(Reduction.SUM), losses, null);
            assertThat(losses[0]).isEqualTo(SoftmaxCrossEntropy.value(q, u));
        }
    }

    @Test
    void optionsAreImmutableValues() {
        double[] w = {1, 2};
        CrossEntropyOptions o = DEFAULTS.withClassWeights(w).withIgnoredLabel(-100).withLabelSmoothing(0.1)
                .withTemperature(2).withReduction(Reduction.SUM);
        w[0] = 5;
        assertThat(o.classWeights()).containsExactly(1, 2);
        o.classWeights()[1] = 7;
        assertThat(o.classWeights()).containsExactly(1, 2);
        assertThat(o.ignoredLabel()).hasValue(-100);
        assertThat(o.labelSmoothing()).isEqualTo(0.1);
        assertThat(o.temperature()).isEqualTo(2.0);
        assertThat(o.reduction()).isEqualTo(Reduction.SUM);
        assertThat(o.executor()).isNull();
        assertThat(DEFAULTS.ignoredLabel()).isEmpty();
        assertThat(DEFAULTS.classWeights()).isNull();
        assertThat(DEFAULTS.reduction()).isEqualTo(Reduction.MEAN);
        assertThat(DEFAULTS.temperature()).isEqualTo(1.0);
        assertThat(DEFAULTS.withClassWeights(new double[] {1, 2}).withClassWeights(null)).isEqualTo(DEFAULTS);
        CrossEntropyOptions same = DEFAULTS.withReduction(Reduction.SUM).withTemperature(2).withLabelSmoothing(0.1)
                .withIgnoredLabel(-100).withClassWeights(new double[] {1, 2});
        assertThat(same).isEqualTo(o).hasSameHashCodeAs(o);
        assertThat(o).isNotEqualTo(o.withTemperature(3)).isNotEqualTo("options");
        // distinct options spread over hash codes
        assertThat(java.util.stream.Stream.of(DEFAULTS, o, o.withTemperature(3), o.withLabelSmoothing(0.2),
                DEFAULTS.withReduction(Reduction.SUM), DEFAULTS.withIgnoredLabel(3)).mapToInt(Object::hashCode).distinct()
                .count()).isGreaterThan(1);
        java.util.concurrent.Executor executor = Runnable::run;
        assertThat(o.withExecutor(executor).executor()).isSameAs(executor);
        // the ends of [0, 1] are allowed: 1 is the uniform target
        assertThat(DEFAULTS.withLabelSmoothing(1.0).labelSmoothing()).isEqualTo(1.0);
        assertThat(DEFAULTS.withLabelSmoothing(0.0)).isEqualTo(DEFAULTS);
        assertThat(o.toString()).isEqualTo("CrossEntropyOptions[classWeights=[1.0, 2.0], ignoredLabel=-100, "
                + "labelSmoothing=0.1, temperature=2.0, reduction=SUM, executor=null]");
    }

    @Test
    void invalidOptionsNameTheValue() {
        assertThatThrownBy(() -> DEFAULTS.withLabelSmoothing(1.5)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("labelSmoothing is 1.5 but must be in [0, 1]");
        assertThatThrownBy(() -> DEFAULTS.withLabelSmoothing(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DEFAULTS.withTemperature(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("temperature is 0.0 but must be positive and finite");
        assertThatThrownBy(() -> DEFAULTS.withTemperature(Double.POSITIVE_INFINITY))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DEFAULTS.withClassWeights(new double[] {1, -1}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("classWeights[1] is -1.0; weights must be finite and non-negative");
        assertThatThrownBy(() -> DEFAULTS.withClassWeights(new double[0])).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("classWeights must not be empty");
        assertThatThrownBy(() -> DEFAULTS.withReduction(null)).isInstanceOf(NullPointerException.class)
                .hasMessage("reduction must not be null");
        assertThatThrownBy(() -> SoftmaxCrossEntropy.rows(Y, U, 3, DEFAULTS.withClassWeights(new double[] {1, 2}),
                null, null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("classWeights has length 2 but logits have 3 classes");
        assertThatThrownBy(() -> SoftmaxCrossEntropy.rows(Y, U, 4, DEFAULTS, null, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("logits has length 9, which is not a multiple of classes 4");
        assertThatThrownBy(() -> SoftmaxCrossEntropy.rows(Y, U, 0, DEFAULTS, null, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("classes is 0 but must be at least 1");
        assertThatThrownBy(() -> SoftmaxCrossEntropy.rows(new int[] {0, 1}, U, 3, DEFAULTS, null, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("labels has length 2 but the rows of logits has length 3");
        assertThatThrownBy(() -> SoftmaxCrossEntropy.rows(Y, U, 3, DEFAULTS, new double[2], null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("lossesOut has length 2 but the rows of logits has length 3");
        assertThatThrownBy(() -> SoftmaxCrossEntropy.rows(Y, U, 3, DEFAULTS, null, new double[8]))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("gradOut has length 8 but logits has length 9");
        assertThatThrownBy(() -> SoftmaxCrossEntropy.rows(Y, U, 3, null, null, null))
                .isInstanceOf(NullPointerException.class).hasMessage("options must not be null");
        double[] p = P.clone();
        assertThatThrownBy(() -> SoftmaxCrossEntropy.rows(p, U, 3, DEFAULTS, null, p))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("gradOut must not be the same array as targets");
        double[][] ragged = {{1, 2}, {1}};
        assertThatThrownBy(() -> SoftmaxCrossEntropy.rows(new int[] {0, 0}, ragged, DEFAULTS, null, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("logits[1] has length 1 but logits[0] has length 2");
        assertThatThrownBy(() -> SoftmaxCrossEntropy.rows(new int[] {0}, new double[][] {null}, DEFAULTS, null, null))
                .isInstanceOf(NullPointerException.class).hasMessage("logits[0] must not be null");
        assertThatThrownBy(() -> SoftmaxCrossEntropy.rows(new int[] {0}, new double[][] {{}}, DEFAULTS, null, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("logits has rows of length 0: there is no distribution over zero classes");
        float[] fp = {0.5f, 0.5f};
        assertThatThrownBy(() -> SoftmaxCrossEntropy.rows(fp, new float[2], 2, DEFAULTS, null, fp))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("gradOut must not be the same array as targets");
        assertThatThrownBy(() -> SoftmaxCrossEntropy.rows(new int[1], new float[2], 2, DEFAULTS, new float[2], null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("lossesOut has length 2 but the rows of logits has length 1");
        assertThatThrownBy(() -> SoftmaxCrossEntropy.rows(new int[1], new float[2], 2, DEFAULTS, null, new float[3]))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("gradOut has length 3 but logits has length 2");
        // no rows at all, in every layout: nothing counted, so 0
        assertThat(SoftmaxCrossEntropy.rows(new int[0], new double[0][], DEFAULTS, null, null)).isEqualTo(0.0);
        assertThat(SoftmaxCrossEntropy.rows(new double[0][], new double[0][], DEFAULTS, null, null)).isEqualTo(0.0);
        assertThat(SoftmaxCrossEntropy.rows(new float[0], new float[0], 2, DEFAULTS, null, null)).isEqualTo(0.0f);
        double[][] rows = {{1, 2}, {3, 4}};
        assertThatThrownBy(() -> SoftmaxCrossEntropy.rows(rows, rows, DEFAULTS, null, new double[][] {rows[0], {0, 0}}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("gradOut[0] must not be the same array as targets[0]");
    }
}
