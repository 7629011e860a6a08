package io.github.softmax4j;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Every rejected input: the exception type, and a message naming the argument and the offending value. */
class InvalidInputTest {
    static final double[] U = {1, 2, 3};
    static final double[] P = {0.2, 0.3, 0.5};

    @Test
    void nullArraysNameTheParameter() {
        assertThatThrownBy(() -> LogSumExp.of((double[]) null)).isInstanceOf(NullPointerException.class).hasMessageContaining("u");
        assertThatThrownBy(() -> LogSumExp.of(null, 0, 0)).isInstanceOf(NullPointerException.class).hasMessageContaining("u");
        assertThatThrownBy(() -> Softmax.of(null)).isInstanceOf(NullPointerException.class).hasMessage("u must not be null");
        assertThatThrownBy(() -> Softmax.of(U, null)).isInstanceOf(NullPointerException.class).hasMessage("out must not be null");
        assertThatThrownBy(() -> Softmax.log(null)).isInstanceOf(NullPointerException.class).hasMessage("u must not be null");
        assertThatThrownBy(() -> Softmax.log(U, null)).isInstanceOf(NullPointerException.class).hasMessage("out must not be null");
        assertThatThrownBy(() -> SoftmaxCrossEntropy.value(null, U)).hasMessage("target must not be null");
        assertThatThrownBy(() -> SoftmaxCrossEntropy.value(P, null)).hasMessage("logits must not be null");
        assertThatThrownBy(() -> SoftmaxCrossEntropy.value(0, (double[]) null)).isInstanceOf(NullPointerException.class)
                .hasMessage("logits must not be null");
        assertThatThrownBy(() -> SoftmaxCrossEntropy.gradient(P, U, null)).isInstanceOf(NullPointerException.class)
                .hasMessage("out must not be null");
        assertThatThrownBy(() -> SoftmaxCrossEntropy.gradient(0, U, null)).hasMessage("out must not be null");
        assertThatThrownBy(() -> SoftmaxCrossEntropy.valueAndGradient(P, U, null)).hasMessage("gradOut must not be null");
        assertThatThrownBy(() -> SoftmaxCrossEntropy.valueAndGradient(0, U, null)).hasMessage("gradOut must not be null");
        assertThatThrownBy(() -> SoftmaxCrossEntropy.gradient(null, U)).hasMessage("target must not be null");
        assertThatThrownBy(() -> SoftmaxCrossEntropy.gradient(0, null)).hasMessage("logits must not be null");
    }

    @Test
    void lengthMismatchNamesBothArraysAndLengths() {
        assertThatThrownBy(() -> Softmax.of(U, new double[4])).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("out has length 4 but u has length 3");
        assertThatThrownBy(() -> Softmax.log(U, new double[2])).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("out has length 2 but u has length 3");
        assertThatThrownBy(() -> SoftmaxCrossEntropy.value(new double[] {1, 0}, U))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("target has length 2 but logits has length 3");
        assertThatThrownBy(() -> SoftmaxCrossEntropy.valueAndGradient(P, U, new double[5]))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("gradOut has length 5 but logits has length 3");
        assertThatThrownBy(() -> SoftmaxCrossEntropy.gradient(1, U, new double[2]))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("out has length 2 but logits has length 3");
    }

    @Test
    void labelOutOfRangeIsNamed() {
        assertThatThrownBy(() -> SoftmaxCrossEntropy.value(3, U)).isInstanceOf(IndexOutOfBoundsException.class)
                .hasMessage("label 3 is out of range [0, 3)");
        assertThatThrownBy(() -> SoftmaxCrossEntropy.gradient(-1, U)).isInstanceOf(IndexOutOfBoundsException.class)
                .hasMessage("label -1 is out of range [0, 3)");
        assertThatThrownBy(() -> SoftmaxCrossEntropy.valueAndGradient(7, U, new double[3]))
                .isInstanceOf(IndexOutOfBoundsException.class).hasMessage("label 7 is out of range [0, 3)");
    }

    @Test
    void badRangeIsRejected() {
        assertThatThrownBy(() -> LogSumExp.of(U, -1, 2)).isInstanceOf(IndexOutOfBoundsException.class)
                .hasMessage("from -1, to 2 is not a range of u of length 3");
        assertThatThrownBy(() -> LogSumExp.of(U, 2, 1)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> LogSumExp.of(U, 0, 4)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void crossEntropyOverZeroClassesIsRejected() {
        assertThatThrownBy(() -> SoftmaxCrossEntropy.value(new double[0], new double[0]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("logits must not be empty");
        assertThatThrownBy(() -> SoftmaxCrossEntropy.value(0, new double[0]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("logits must not be empty");
    }

    @Test
    void gradientMustNotOverwriteTheTarget() {
        double[] p = P.clone();
        assertThatThrownBy(() -> SoftmaxCrossEntropy.valueAndGradient(p, U, p))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("gradOut must not be the same array as target");
        assertThatThrownBy(() -> SoftmaxCrossEntropy.gradient(p, U, p))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("out must not be the same array as target");
    }
}
