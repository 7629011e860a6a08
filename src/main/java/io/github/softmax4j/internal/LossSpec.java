package io.github.softmax4j.internal;

import java.util.concurrent.Executor;

/**
 * The options of a batch cross-entropy, already validated: class weights (null for none), an ignored label,
 * label smoothing, temperature, mean or sum, and an executor (null to run on the calling thread).
 */
public final class LossSpec {
    final double[] weights;
    final boolean hasIgnoredLabel;
    final int ignoredLabel;
    final double smoothing;
    final double temperature;
    final boolean mean;
    final Executor executor;

    /** Takes {@code weights} as it is: the caller hands over a private copy. */
    public LossSpec(double[] weights, boolean hasIgnoredLabel, int ignoredLabel, double smoothing, double temperature,
            boolean mean, Executor executor) {
        this.weights = weights;
        this.hasIgnoredLabel = hasIgnoredLabel;
        this.ignoredLabel = ignoredLabel;
        this.smoothing = smoothing;
        this.temperature = temperature;
        this.mean = mean;
        this.executor = executor;
    }

    /** Whether {@code label} marks a row to skip. */
    public boolean ignores(int label) {
        return hasIgnoredLabel && label == ignoredLabel;
    }
}
