package io.github.softmax4j;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.Stream;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * One rejected argument per check of every public method that {@link InvalidInputTest} does not cover: the
 * batch, float, product and option forms. Each case is otherwise valid, so the message shows which check
 * fired.
 */
class ArgumentChecksTest {
    private static final CrossEntropyOptions PLAIN = CrossEntropyOptions.defaults();
    private static final IllegalArgumentException IAE = new IllegalArgumentException();
    private static final NullPointerException NPE = new NullPointerException();
    private static final IndexOutOfBoundsException IOOBE = new IndexOutOfBoundsException();

    static Stream<Arguments> cases() {
        double[] p3 = {0.2, 0.3, 0.5};
        double[] u3 = {1, 2, 3};
        float[] pf = {0.5f, 0.5f};
        double[] target6 = new double[6];
        return Stream.of(
                // LogSumExp
                rejects("LogSumExp.rows flat", () -> LogSumExp.rows(new double[6], 3, new double[3]), IAE,
                        "out has length 3 but the rows of u has length 2"),
                rejects("LogSumExp.rows flat, classes", () -> LogSumExp.rows(new double[6], 0, new double[3]), IAE,
                        "classes is 0 but must be at least 1"),
                rejects("LogSumExp.rows arrays", () -> LogSumExp.rows(new double[2][3], new double[3]), IAE,
                        "out has length 3 but u has length 2"),
                rejects("LogSumExp.rows arrays, row", () -> LogSumExp.rows(new double[][] {{1}, null}, new double[2]), NPE,
                        "u[1] must not be null"),
                rejects("LogSumExp.of weighted", () -> LogSumExp.of(u3, new double[2]), IAE,
                        "b has length 2 but u has length 3"),
                rejects("LogSumExp.rows float", () -> LogSumExp.rows(new float[6], 3, new float[3]), IAE,
                        "out has length 3 but the rows of u has length 2"),
                // Softmax
                rejects("Softmax.rows flat", () -> Softmax.rows(new double[6], 3, new double[5]), IAE,
                        "out has length 5 but u has length 6"),
                rejects("Softmax.logRows flat", () -> Softmax.logRows(new double[6], 4, new double[6]), IAE,
                        "u has length 6, which is not a multiple of classes 4"),
                rejects("Softmax.rows arrays", () -> Softmax.rows(new double[2][3], new double[3][3]), IAE,
                        "out has length 3 but u has length 2"),
                rejects("Softmax.rows arrays, row length", () -> Softmax.rows(new double[][] {{1, 2}}, new double[][] {{1}}),
                        IAE, "out[0] has length 1 but u[0] has length 2"),
                rejects("Softmax.logRows arrays, null row", () -> Softmax.logRows(new double[][] {{1, 2}, null},
                        new double[2][2]), NPE, "u[1] must not be null"),
                rejects("Softmax.logRows arrays, null output row", () -> Softmax.logRows(new double[][] {{1, 2}},
                        new double[1][]), NPE, "out[0] must not be null"),
                rejects("Softmax.log float", () -> Softmax.log(new float[3], new float[2]), IAE,
                        "out has length 2 but u has length 3"),
                rejects("Softmax.rows float", () -> Softmax.rows(new float[6], 3, new float[5]), IAE,
                        "out has length 5 but u has length 6"),
                rejects("Softmax.logRows float", () -> Softmax.logRows(new float[6], 3, null), NPE,
                        "out must not be null"),
                // SoftmaxCrossEntropy, single vectors
                rejects("gradient(target, logits)", () -> SoftmaxCrossEntropy.gradient(new double[2], u3), IAE,
                        "target has length 2 but logits has length 3"),
                rejects("value(float target)", () -> SoftmaxCrossEntropy.value(new float[2], new float[3]), IAE,
                        "target has length 2 but logits has length 3"),
                rejects("value(float target), empty", () -> SoftmaxCrossEntropy.value(new float[0], new float[0]), IAE,
                        "logits must not be empty: there is no distribution over zero classes"),
                rejects("valueAndGradient(float target)", () -> SoftmaxCrossEntropy.valueAndGradient(new float[2],
                        new float[3], new float[3]), IAE, "target has length 2 but logits has length 3"),
                rejects("valueAndGradient(float target), gradOut", () -> SoftmaxCrossEntropy.valueAndGradient(pf,
                        new float[2], new float[3]), IAE, "gradOut has length 3 but logits has length 2"),
                rejects("valueAndGradient(float label)", () -> SoftmaxCrossEntropy.valueAndGradient(2, new float[2],
                        new float[2]), IOOBE, "label 2 is out of range [0, 2)"),
                rejects("valueAndGradient(float label), gradOut", () -> SoftmaxCrossEntropy.valueAndGradient(0,
                        new float[2], new float[1]), IAE, "gradOut has length 1 but logits has length 2"),
                rejects("hessianTimes(target), target", () -> SoftmaxCrossEntropy.hessianTimes(new double[2], u3,
                        new double[3], new double[3]), IAE, "target has length 2 but logits has length 3"),
                rejects("hessianTimes(target), v", () -> SoftmaxCrossEntropy.hessianTimes(p3, u3, new double[2],
                        new double[3]), IAE, "v has length 2 but logits has length 3"),
                rejects("hessianTimes(target), out", () -> SoftmaxCrossEntropy.hessianTimes(p3, u3, new double[3],
                        new double[4]), IAE, "out has length 4 but logits has length 3"),
                rejects("hessianTimes(label), v", () -> SoftmaxCrossEntropy.hessianTimes(0, u3, new double[4],
                        new double[3]), IAE, "v has length 4 but logits has length 3"),
                rejects("klDivergence", () -> SoftmaxCrossEntropy.klDivergence(new double[2], u3), IAE,
                        "target has length 2 but logits has length 3"),
                // SoftmaxCrossEntropy.rows, flat
                rejects("rows(labels), gradOut", () -> SoftmaxCrossEntropy.rows(new int[2], new double[6], 3, PLAIN, null,
                        new double[5]), IAE, "gradOut has length 5 but logits has length 6"),
                rejects("rows(labels), labels", () -> SoftmaxCrossEntropy.rows(new int[3], new double[6], 3, PLAIN, null,
                        null), IAE, "labels has length 3 but the rows of logits has length 2"),
                rejects("rows(labels), label = classes", () -> SoftmaxCrossEntropy.rows(new int[] {0, 3}, new double[6], 3,
                        PLAIN, null, null), IOOBE, "labels[1] is 3, out of range [0, 3)"),
                rejects("rows(labels), lossesOut", () -> SoftmaxCrossEntropy.rows(new int[2], new double[6], 3, PLAIN,
                        new double[3], null), IAE, "lossesOut has length 3 but the rows of logits has length 2"),
                rejects("rows(labels), class weights", () -> SoftmaxCrossEntropy.rows(new int[2], new double[6], 3,
                        PLAIN.withClassWeights(new double[2]), null, null), IAE,
                        "classWeights has length 2 but logits have 3 classes"),
                rejects("withClassWeights empty", () -> PLAIN.withClassWeights(new double[0]), IAE,
                        "classWeights must not be empty"),
                rejects("rows(labels), options", () -> SoftmaxCrossEntropy.rows(new int[2], new double[6], 3, null, null,
                        null), NPE, "options must not be null"),
                rejects("rows(targets), lengths", () -> SoftmaxCrossEntropy.rows(new double[3], new double[6], 3, PLAIN,
                        null, null), IAE, "targets has length 3 but logits has length 6"),
                rejects("rows(targets), class weights", () -> SoftmaxCrossEntropy.rows(target6, new double[6], 3,
                        PLAIN.withClassWeights(new double[4]), null, null), IAE,
                        "classWeights has length 4 but logits have 3 classes"),
                rejects("rows(targets), gradOut", () -> SoftmaxCrossEntropy.rows(target6, new double[6], 3, PLAIN, null,
                        new double[7]), IAE, "gradOut has length 7 but logits has length 6"),
                rejects("rows(targets), gradOut = targets", () -> SoftmaxCrossEntropy.rows(target6, new double[6], 3,
                        PLAIN, null, target6), IAE, "gradOut must not be the same array as targets"),
                // SoftmaxCrossEntropy.rows, arrays of rows
                rejects("rows(labels, arrays), gradOut rows", () -> SoftmaxCrossEntropy.rows(new int[2], new double[2][3],
                        PLAIN, null, new double[3][3]), IAE, "gradOut has length 3 but logits has length 2"),
                rejects("rows(labels, arrays), gradOut row", () -> SoftmaxCrossEntropy.rows(new int[2], new double[2][3],
                        PLAIN, null, new double[][] {new double[3], new double[2]}), IAE,
                        "gradOut[1] has length 2 but the rows of logits has length 3"),
                rejects("rows(labels, arrays), null gradOut row", () -> SoftmaxCrossEntropy.rows(new int[2],
                        new double[2][3], PLAIN, null, new double[2][]), NPE, "gradOut[0] must not be null"),
                rejects("rows(labels, arrays), ragged", () -> SoftmaxCrossEntropy.rows(new int[2],
                        new double[][] {new double[0], new double[1]}, PLAIN, null, null), IAE,
                        "logits[1] has length 1 but logits[0] has length 0"),
                rejects("rows(labels, arrays), empty rows", () -> SoftmaxCrossEntropy.rows(new int[2],
                        new double[2][0], PLAIN, null, null), IAE,
                        "logits has rows of length 0: there is no distribution over zero classes"),
                rejects("rows(targets, arrays), counts", () -> SoftmaxCrossEntropy.rows(new double[3][3],
                        new double[2][3], PLAIN, null, null), IAE, "targets has length 3 but logits has length 2"),
                rejects("rows(targets, arrays), row length", () -> SoftmaxCrossEntropy.rows(new double[2][2],
                        new double[2][3], PLAIN, null, null), IAE,
                        "the rows of targets has length 2 but the rows of logits has length 3"),
                rejects("rows(targets, arrays), lossesOut", () -> SoftmaxCrossEntropy.rows(new double[2][3],
                        new double[2][3], PLAIN, new double[1], null), IAE,
                        "lossesOut has length 1 but the rows of logits has length 2"),
                rejects("rows(targets, arrays), gradOut = targets", () -> {
                    double[][] targets = new double[2][3];
                    SoftmaxCrossEntropy.rows(targets, new double[2][3], PLAIN, null, new double[][] {new double[3],
                            targets[1]});
                }, IAE, "gradOut[1] must not be the same array as targets[1]"),
                // SoftmaxCrossEntropy.rows, float
                rejects("rows(labels, float), lossesOut", () -> SoftmaxCrossEntropy.rows(new int[2], new float[6], 3,
                        PLAIN, new float[1], null), IAE, "lossesOut has length 1 but the rows of logits has length 2"),
                rejects("rows(labels, float), gradOut", () -> SoftmaxCrossEntropy.rows(new int[2], new float[6], 3,
                        PLAIN, null, new float[5]), IAE, "gradOut has length 5 but logits has length 6"),
                rejects("rows(targets, float), lengths", () -> SoftmaxCrossEntropy.rows(new float[5], new float[6], 3,
                        PLAIN, null, null), IAE, "targets has length 5 but logits has length 6"),
                rejects("rows(targets, float), class weights", () -> SoftmaxCrossEntropy.rows(new float[6],
                        new float[6], 3, PLAIN.withClassWeights(new double[2]), null, null), IAE,
                        "classWeights has length 2 but logits have 3 classes"),
                rejects("rows(targets, float), gradOut", () -> SoftmaxCrossEntropy.rows(new float[6], new float[6], 3,
                        PLAIN, null, new float[5]), IAE, "gradOut has length 5 but logits has length 6"),
                rejects("rows(targets, float), gradOut = targets", () -> {
                    float[] targets = new float[6];
                    SoftmaxCrossEntropy.rows(targets, new float[6], 3, PLAIN, null, targets);
                }, IAE, "gradOut must not be the same array as targets"),
                // options
                rejects("withLabelSmoothing above 1", () -> PLAIN.withLabelSmoothing(Math.nextUp(1.0)), IAE,
                        "labelSmoothing is 1.0000000000000002 but must be in [0, 1]"),
                rejects("withLabelSmoothing below 0", () -> PLAIN.withLabelSmoothing(-0x1p-1074), IAE,
                        "labelSmoothing is -4.9E-324 but must be in [0, 1]"));
    }

    /** Every array argument of every public method, null: a {@link NullPointerException} naming it. */
    static Stream<Arguments> nulls() {
        double[] u = {1, 2, 3};
        double[] p = {0.2, 0.3, 0.5};
        double[] out = new double[3];
        float[] f = {1, 2};
        float[] pf = {0.5f, 0.5f};
        double[][] rows = {{1, 2}};
        int[] labels = {0};
        CrossEntropyOptions o = PLAIN;
        return Stream.of(
                rejects("LogSumExp.of", () -> LogSumExp.of((double[]) null), NPE, "u must not be null"),
                rejects("LogSumExp.of range", () -> LogSumExp.of(null, 0, 0), NPE, "u must not be null"),
                rejects("LogSumExp.of weighted, u", () -> LogSumExp.of(null, p), NPE, "u must not be null"),
                rejects("LogSumExp.of weighted, b", () -> LogSumExp.of(u, (double[]) null), NPE, "b must not be null"),
                rejects("LogSumExp.rows, u", () -> LogSumExp.rows((double[]) null, 3, out), NPE, "u must not be null"),
                rejects("LogSumExp.rows, out", () -> LogSumExp.rows(u, 3, (double[]) null), NPE, "out must not be null"),
                rejects("LogSumExp.rows arrays, u", () -> LogSumExp.rows((double[][]) null, out), NPE, "u must not be null"),
                rejects("LogSumExp.rows arrays, out", () -> LogSumExp.rows(rows, null), NPE, "out must not be null"),
                rejects("LogSumExp.of float", () -> LogSumExp.of((float[]) null), NPE, "u must not be null"),
                rejects("LogSumExp.rows float, u", () -> LogSumExp.rows((float[]) null, 2, f), NPE, "u must not be null"),
                rejects("LogSumExp.rows float, out", () -> LogSumExp.rows(f, 2, (float[]) null), NPE,
                        "out must not be null"),
                rejects("Softmax.of, u", () -> Softmax.of(null, out), NPE, "u must not be null"),
                rejects("Softmax.log, u", () -> Softmax.log(null, out), NPE, "u must not be null"),
                rejects("Softmax.of float, u", () -> Softmax.of((float[]) null, f), NPE, "u must not be null"),
                rejects("Softmax.of float, out", () -> Softmax.of(f, (float[]) null), NPE, "out must not be null"),
                rejects("Softmax.log float, u", () -> Softmax.log((float[]) null, f), NPE, "u must not be null"),
                rejects("Softmax.rows, u", () -> Softmax.rows((double[]) null, 3, out), NPE, "u must not be null"),
                rejects("Softmax.rows, out", () -> Softmax.rows(u, 3, (double[]) null), NPE, "out must not be null"),
                rejects("Softmax.logRows, out", () -> Softmax.logRows(u, 3, (double[]) null, null), NPE,
                        "out must not be null"),
                rejects("Softmax.rows arrays, u", () -> Softmax.rows((double[][]) null, rows), NPE, "u must not be null"),
                rejects("Softmax.rows arrays, out", () -> Softmax.rows(rows, null), NPE, "out must not be null"),
                rejects("Softmax.logRows arrays, out", () -> Softmax.logRows(rows, null), NPE, "out must not be null"),
                rejects("Softmax.rows float, u", () -> Softmax.rows((float[]) null, 2, f), NPE, "u must not be null"),
                rejects("Softmax.entropy", () -> Softmax.entropy(null), NPE, "u must not be null"),
                rejects("Softmax.jacobianTimes, v", () -> Softmax.jacobianTimes(u, null, out), NPE, "v must not be null"),
                rejects("Softmax.jacobianTimes, out", () -> Softmax.jacobianTimes(u, p, null), NPE, "out must not be null"),
                rejects("value(float label)", () -> SoftmaxCrossEntropy.value(0, (float[]) null), NPE,
                        "logits must not be null"),
                rejects("valueAndGradient(float label), gradOut", () -> SoftmaxCrossEntropy.valueAndGradient(0, f, null),
                        NPE, "gradOut must not be null"),
                rejects("valueAndGradient(float target), gradOut", () -> SoftmaxCrossEntropy.valueAndGradient(pf, f,
                        null), NPE, "gradOut must not be null"),
                rejects("value(float target), target", () -> SoftmaxCrossEntropy.value((float[]) null, f), NPE,
                        "target must not be null"),
                rejects("value(float target), logits", () -> SoftmaxCrossEntropy.value(pf, (float[]) null), NPE,
                        "logits must not be null"),
                rejects("gradient(target), logits", () -> SoftmaxCrossEntropy.gradient(p, (double[]) null), NPE,
                        "logits must not be null"),
                rejects("hessianTimes(target), v", () -> SoftmaxCrossEntropy.hessianTimes(p, u, null, out), NPE,
                        "v must not be null"),
                rejects("hessianTimes(target), out", () -> SoftmaxCrossEntropy.hessianTimes(p, u, p.clone(), null), NPE,
                        "out must not be null"),
                rejects("hessianTimes(target), target", () -> SoftmaxCrossEntropy.hessianTimes(null, u, p, out), NPE,
                        "target must not be null"),
                rejects("hessianTimes(label), v", () -> SoftmaxCrossEntropy.hessianTimes(0, u, null, out), NPE,
                        "v must not be null"),
                rejects("klDivergence, target", () -> SoftmaxCrossEntropy.klDivergence(null, u), NPE,
                        "target must not be null"),
                rejects("klDivergence, logits", () -> SoftmaxCrossEntropy.klDivergence(p, null), NPE,
                        "logits must not be null"),
                rejects("rows(labels), labels", () -> SoftmaxCrossEntropy.rows((int[]) null, u, 3, o, null, null), NPE,
                        "labels must not be null"),
                rejects("rows(labels), logits", () -> SoftmaxCrossEntropy.rows(labels, (double[]) null, 3, o, null, null),
                        NPE, "logits must not be null"),
                rejects("rows(targets), targets", () -> SoftmaxCrossEntropy.rows((double[]) null, u, 3, o, null, null),
                        NPE, "targets must not be null"),
                rejects("rows(targets), logits", () -> SoftmaxCrossEntropy.rows(p, (double[]) null, 3, o, null, null),
                        NPE, "logits must not be null"),
                rejects("rows(targets), options", () -> SoftmaxCrossEntropy.rows(p, u, 3, null, null, null), NPE,
                        "options must not be null"),
                rejects("rows(labels, arrays), logits", () -> SoftmaxCrossEntropy.rows(labels, (double[][]) null, o, null,
                        null), NPE, "logits must not be null"),
                rejects("rows(labels, arrays), labels", () -> SoftmaxCrossEntropy.rows((int[]) null, rows, o, null,
                        null), NPE, "labels must not be null"),
                rejects("rows(targets, arrays), targets", () -> SoftmaxCrossEntropy.rows((double[][]) null, rows, o,
                        null, null), NPE, "targets must not be null"),
                rejects("rows(targets, arrays), logits", () -> SoftmaxCrossEntropy.rows(rows, (double[][]) null, o,
                        null, null), NPE, "logits must not be null"),
                rejects("rows(labels, float), logits", () -> SoftmaxCrossEntropy.rows(labels, (float[]) null, 2, o, null,
                        null), NPE, "logits must not be null"),
                rejects("rows(labels, float), labels", () -> SoftmaxCrossEntropy.rows((int[]) null, f, 2, o, null,
                        null), NPE, "labels must not be null"),
                rejects("rows(targets, float), targets", () -> SoftmaxCrossEntropy.rows((float[]) null, f, 2, o, null,
                        null), NPE, "targets must not be null"),
                rejects("rows(targets, float), logits", () -> SoftmaxCrossEntropy.rows(pf, (float[]) null, 2, o, null,
                        null), NPE, "logits must not be null"),
                rejects("rows(targets, float), options", () -> SoftmaxCrossEntropy.rows(pf, f, 2, null, null, null),
                        NPE, "options must not be null"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("nulls")
    void rejectsNullByName(String method, ThrowingCallable call, Exception type, String message) {
        assertThatThrownBy(call).isExactlyInstanceOf(type.getClass()).hasMessage(message);
    }

    private static Arguments rejects(String method, ThrowingCallable call, Exception type, String message) {
        return Arguments.of(method, call, type, message);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void rejectsTheArgumentByName(String method, ThrowingCallable call, Exception type, String message) {
        assertThatThrownBy(call).isExactlyInstanceOf(type.getClass()).hasMessage(message);
    }
}
