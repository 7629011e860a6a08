package io.github.softmax4j.bench;

import io.github.softmax4j.LogSumExp;
import io.github.softmax4j.Softmax;
import io.github.softmax4j.SoftmaxCrossEntropy;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * softmax4j beside the naive three-pass formulas (max, {@code Math.exp} and sum, then scale), in the same
 * run. {@link Scalar} forks a JVM without {@code jdk.incubator.vector} (the scalar kernel), {@link Vector} one
 * with it (the vector kernel); the naive baseline runs in both. Logits are standard normal, targets a random
 * probability vector.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 4, time = 1)
@Measurement(iterations = 5, time = 1)
public abstract class SoftmaxBenchmark {

    @Param({"10", "1000", "1000000"})
    public int k;

    double[] u;
    double[] p;
    double[] out;
    int label;

    @Setup
    public void setUp() {
        SplittableRandom r = new SplittableRandom(42);
        u = new double[k];
        p = new double[k];
        out = new double[k];
        double sum = 0;
        for (int j = 0; j < k; j++) {
            u[j] = Math.sqrt(-2 * Math.log(1 - r.nextDouble())) * Math.cos(2 * Math.PI * r.nextDouble());
            p[j] = r.nextDouble();
            sum += p[j];
        }
        for (int j = 0; j < k; j++) {
            p[j] /= sum;
        }
        label = r.nextInt(k);
    }

    @Benchmark
    public double[] softmax() {
        return Softmax.of(u, out);
    }

    @Benchmark
    public double[] logSoftmax() {
        return Softmax.log(u, out);
    }

    @Benchmark
    public double logSumExp() {
        return LogSumExp.of(u);
    }

    @Benchmark
    public double crossEntropyLabel() {
        return SoftmaxCrossEntropy.valueAndGradient(label, u, out);
    }

    @Benchmark
    public double crossEntropyTarget() {
        return SoftmaxCrossEntropy.valueAndGradient(p, u, out);
    }

    @Benchmark
    public double[] naiveSoftmax() {
        return Naive.softmax(u, out);
    }

    @Benchmark
    public double[] naiveLogSoftmax() {
        return Naive.logSoftmax(u, out);
    }

    @Benchmark
    public double naiveLogSumExp() {
        return Naive.logSumExp(u);
    }

    @Benchmark
    public double naiveCrossEntropyLabel() {
        return Naive.crossEntropy(label, u, out);
    }

    @Benchmark
    public double naiveCrossEntropyTarget() {
        return Naive.crossEntropy(p, u, out);
    }

    /** The scalar kernel: a fork without the incubator module. */
    @Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
    public static class Scalar extends SoftmaxBenchmark {}

    /** The vector kernel: a fork with {@code --add-modules jdk.incubator.vector}. */
    @Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g", "--add-modules=jdk.incubator.vector"})
    public static class Vector extends SoftmaxBenchmark {}
}
