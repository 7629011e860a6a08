package io.github.softmax4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.softmax4j.LogSumExp;
import io.github.softmax4j.Softmax;
import io.github.softmax4j.SoftmaxCrossEntropy;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class MainTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String[] outLines() {
        return out.toString(StandardCharsets.UTF_8).split("\\R");
    }

    /** The library's results in Double.toString form, as the command line must print them. */
    private static String join(double[] values) {
        return java.util.Arrays.stream(values).mapToObj(Double::toString)
                .collect(java.util.stream.Collectors.joining(", "));
    }

    @Test
    void logitsAloneGiveLogSumExpSoftmaxAndLogSoftmax() {
        double[] u = {2, 1, 0.1};
        assertThat(run("--logits", "2,1,0.1")).isZero();
        assertThat(outLines()).containsExactly(
                "logsumexp: " + LogSumExp.of(u),
                "softmax: " + join(Softmax.of(u)),
                "log_softmax: " + join(Softmax.log(u)));
        assertThat(err.size()).isZero();
    }

    @Test
    void targetAddsLossAndGradient() {
        double[] u = {2, 1, 0.1};
        double[] p = {0.7, 0.2, 0.1};
        assertThat(run("--logits", "2,1,0.1", "--target", "0.7,0.2,0.1")).isZero();
        assertThat(outLines()).hasSize(5).endsWith(
                "loss: " + SoftmaxCrossEntropy.value(p, u),
                "gradient: " + join(SoftmaxCrossEntropy.gradient(p, u)));
    }

    @Test
    void labelAddsLossAndGradientInFullPrecision() {
        assertThat(run("--logits=40,0", "--label=0")).isZero();
        assertThat(outLines()).containsExactly(
                "logsumexp: 40.0",
                "softmax: 1.0, 4.248354255291589E-18",
                "log_softmax: -4.248354255291589E-18, -40.0",
                "loss: 4.248354255291589E-18",
                "gradient: -4.248354255291589E-18, 4.248354255291589E-18");
    }

    @Test
    void infinitiesAndNaNAreAccepted() {
        assertThat(run("--logits", "inf, -inf, 1")).isZero();
        assertThat(outLines()).startsWith("logsumexp: Infinity", "softmax: 1.0, 0.0, 0.0");
        out.reset();
        assertThat(run("--logits", "nan,1")).isZero();
        assertThat(outLines()[0]).isEqualTo("logsumexp: NaN");
        out.reset();
        assertThat(run("--logits", "-Infinity, 0, +inf")).isZero();
        assertThat(outLines()).startsWith("logsumexp: Infinity", "softmax: 0.0, 0.0, 1.0");
        out.reset();
        assertThat(run("--logits", "-INF,0")).isZero();
        assertThat(outLines()).containsExactly("logsumexp: 0.0", "softmax: 0.0, 1.0", "log_softmax: -Infinity, 0.0");
    }

    @Test
    void helpExplainsAndSucceeds() {
        assertThat(run("--help")).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).startsWith("Usage: java -jar softmax4j.jar --logits")
                .contains("--target").contains("--label").contains("gradient");
    }

    @Test
    void badNumberIsOneLineAndExitTwo() {
        assertThat(run("--logits", "1,x,3")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).isEqualTo("softmax4j: --logits: 'x' is not a number" + System.lineSeparator());
        assertThat(out.size()).isZero();
        err.reset();
        assertThat(run("--logits", "1,0x1p3")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("'0x1p3' is not a number");
    }

    @Test
    void mismatchedLengthsAreOneLineAndExitTwo() {
        assertThat(run("--logits", "1,2,3", "--target", "0.5,0.5")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8).strip()).isEqualTo("softmax4j: target has length 2 but logits has length 3");
        assertThat(out.size()).isZero();
    }

    @Test
    void usageErrorsExitTwo() {
        assertThat(run()).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--logits is required");
        err.reset();
        assertThat(run("--logits")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--logits needs a value");
        err.reset();
        assertThat(run("--logits", "1", "--bogus")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("unknown argument '--bogus'");
        err.reset();
        assertThat(run("--logits", "1,2", "--label", "2")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8).strip()).isEqualTo("softmax4j: label 2 is out of range [0, 2)");
        err.reset();
        assertThat(run("--logits", "1,2", "--label", "one")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("'one' is not a class index");
        err.reset();
        assertThat(run("--logits", "1,2", "--label", "0", "--target", "1,0")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("not both");
        err.reset();
        assertThat(run("--logits", "", "--label", "0")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("logits must not be empty");
    }
}
