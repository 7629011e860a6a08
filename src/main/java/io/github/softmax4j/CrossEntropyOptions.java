package io.github.softmax4j;

import io.github.softmax4j.internal.LossSpec;
import java.util.Arrays;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.concurrent.Executor;

/**
 * The options of the batch cross-entropy {@link SoftmaxCrossEntropy#rows(int[], double[], int,
 * CrossEntropyOptions, double[], double[]) SoftmaxCrossEntropy.rows}: class weights, an ignored label, label
 * smoothing, a temperature, the reduction over rows, and an executor for large batches. The
 * {@linkplain #defaults() defaults} give the plain loss averaged over rows, on the calling thread.
 *
 * <p>The semantics follow {@code torch.nn.functional.cross_entropy} wherever it has the option. For row
 * {@code i} with logits {@code u}, {@code K} classes, weights {@code w} (all 1 without class weights) and
 * smoothing {@code eps}, the row's loss is the target form {@code sum(q) LSE(z) - <q, z>} of the logits
 * {@code z = u / T} against the effective target
 * <ul>
 *   <li>with a label {@code y}: {@code q_k = (eps / K) w_k}, plus {@code (1 - eps) w_y} at {@code k = y};
 *   <li>with soft targets {@code p}: {@code q_k = w_k ((1 - eps) p_k + eps / K)}.
 * </ul>
 * Without weights, smoothing and temperature, a label row is the plain {@code LSE(u) - u_y}. The reduced
 * value is the sum of the rows' losses ({@link Reduction#SUM}) or that sum divided by ({@link Reduction#MEAN})
 * the sum of {@code w[y_i]} over the rows not ignored (labels) or the number of rows (soft targets), as
 * PyTorch does. The gradient written is that of the reduced value with respect to {@code u}.
 *
 * <p>Differences from PyTorch, each deliberate:
 * <ul>
 *   <li>There is no ignored label unless one is set ({@code ignore_index} defaults to -100 there).
 *   <li>Under {@link Reduction#MEAN}, when nothing is counted (every row ignored, or the weights of every
 *       row's label 0), the value and the gradient are 0; PyTorch returns NaN.
 *   <li>{@code reduction='none'} is the {@code lossesOut} array of {@code rows}, which receives every row's
 *       loss whatever the reduction.
 *   <li>The temperature is not a PyTorch option: the loss is that of {@code S(u / T)}, its gradient
 *       {@code (sum(q) S(u / T) - q) / T}. The scaled logits {@code u_j / T} are rounded to double (exact when
 *       {@code T} is a power of two); accuracy is stated for them.
 * </ul>
 *
 * <p>Instances are immutable and thread-safe; each {@code with} method returns a new instance.
 *
 * @since 0.1.0
 */
public final class CrossEntropyOptions {

    /** How the rows' losses are combined into the returned value. */
    public enum Reduction {
        /** The sum of the rows' losses. */
        SUM,
        /** The sum divided by the weight of the counted rows (labels) or the number of rows (soft targets). */
        MEAN
    }

    private static final CrossEntropyOptions DEFAULTS =
            new CrossEntropyOptions(null, false, 0, 0.0, 1.0, Reduction.MEAN, null);

    private final double[] classWeights;
    private final boolean hasIgnoredLabel;
    private final int ignoredLabel;
    private final double labelSmoothing;
    private final double temperature;
    private final Reduction reduction;
    private final Executor executor;
    private final LossSpec spec;

    private CrossEntropyOptions(double[] classWeights, boolean hasIgnoredLabel, int ignoredLabel, double labelSmoothing,
            double temperature, Reduction reduction, Executor executor) {
        this.classWeights = classWeights;
        this.hasIgnoredLabel = hasIgnoredLabel;
        this.ignoredLabel = ignoredLabel;
        this.labelSmoothing = labelSmoothing;
        this.temperature = temperature;
        this.reduction = reduction;
        this.executor = executor;
        this.spec = new LossSpec(classWeights, hasIgnoredLabel, ignoredLabel, labelSmoothing, temperature,
                reduction == Reduction.MEAN, executor);
    }

    /**
     * Returns the default options: no class weights, no ignored label, no smoothing, temperature 1, the mean
     * over rows, on the calling thread.
     *
     * @return the default options
     */
    public static CrossEntropyOptions defaults() {
        return DEFAULTS;
    }

    /**
     * Returns these options with per-class weights {@code w} (copied), or without any when {@code weights}
     * is null.
     *
     * @param weights one finite, non-negative weight per class, or null
     * @return the new options
     * @throws IllegalArgumentException if a weight is negative, infinite or NaN, or there are none
     */
    public CrossEntropyOptions withClassWeights(double[] weights) {
        double[] copy = null;
        if (weights != null) {
            if (weights.length == 0) {
                throw new IllegalArgumentException("classWeights must not be empty");
            }
            copy = weights.clone();
            for (int k = 0; k < copy.length; k++) {
                if (!(copy[k] >= 0) || copy[k] == Double.POSITIVE_INFINITY) {
                    throw new IllegalArgumentException(
                            "classWeights[" + k + "] is " + copy[k] + "; weights must be finite and non-negative");
                }
            }
        }
        return new CrossEntropyOptions(copy, hasIgnoredLabel, ignoredLabel, labelSmoothing, temperature, reduction,
                executor);
    }

    /**
     * Returns these options with rows whose label is {@code label} ignored: they contribute 0 to the value
     * and the gradient and are not counted by the mean. Any value may be used, also one outside
     * {@code [0, classes)} such as PyTorch's -100. Soft targets have no labels and are never ignored.
     *
     * @param label the label value that marks a row to ignore
     * @return the new options
     */
    public CrossEntropyOptions withIgnoredLabel(int label) {
        return new CrossEntropyOptions(classWeights, true, label, labelSmoothing, temperature, reduction, executor);
    }

    /**
     * Returns these options with label smoothing {@code eps}: the target {@code (1 - eps) p + eps / K}.
     *
     * @param eps the smoothing, in {@code [0, 1]}
     * @return the new options
     * @throws IllegalArgumentException unless {@code 0 <= eps <= 1}
     */
    public CrossEntropyOptions withLabelSmoothing(double eps) {
        if (!(eps >= 0 && eps <= 1)) {
            throw new IllegalArgumentException("labelSmoothing is " + eps + " but must be in [0, 1]");
        }
        return new CrossEntropyOptions(classWeights, hasIgnoredLabel, ignoredLabel, eps, temperature, reduction, executor);
    }

    /**
     * Returns these options with temperature {@code t}: the loss of the softmax of {@code u / t}, with the
     * gradient with respect to {@code u}.
     *
     * @param t the temperature, positive and finite
     * @return the new options
     * @throws IllegalArgumentException unless {@code t} is positive and finite
     */
    public CrossEntropyOptions withTemperature(double t) {
        if (!(t > 0 && t < Double.POSITIVE_INFINITY)) {
            throw new IllegalArgumentException("temperature is " + t + " but must be positive and finite");
        }
        return new CrossEntropyOptions(classWeights, hasIgnoredLabel, ignoredLabel, labelSmoothing, t, reduction, executor);
    }

    /**
     * Returns these options with the given reduction over rows.
     *
     * @param reduction {@link Reduction#SUM} or {@link Reduction#MEAN}
     * @return the new options
     * @throws NullPointerException if {@code reduction} is null
     */
    public CrossEntropyOptions withReduction(Reduction reduction) {
        Objects.requireNonNull(reduction, "reduction must not be null");
        return new CrossEntropyOptions(classWeights, hasIgnoredLabel, ignoredLabel, labelSmoothing, temperature, reduction,
                executor);
    }

    /**
     * Returns these options with rows computed in blocks of 64 on {@code executor} (for example
     * {@link java.util.concurrent.ForkJoinPool#commonPool()}), or on the calling thread when it is null.
     * Results are the same, bit for bit, either way; the calling thread waits for the blocks, and the
     * executor path allocates a little per call.
     * A batch of at most 64 rows runs on the calling thread; a larger one is given to
     * the executor as {@code min(blocks, 4 * availableProcessors)} tasks that each take the next block until
     * none is left.
     *
     * @param executor the executor to run blocks of rows on, or null
     * @return the new options
     */
    public CrossEntropyOptions withExecutor(Executor executor) {
        return new CrossEntropyOptions(classWeights, hasIgnoredLabel, ignoredLabel, labelSmoothing, temperature, reduction,
                executor);
    }

    /**
     * Returns a copy of the class weights, or null if there are none.
     *
     * @return the class weights, or null
     */
    public double[] classWeights() {
        return classWeights == null ? null : classWeights.clone();
    }

    /**
     * Returns the ignored label, if one is set.
     *
     * @return the ignored label, or empty
     */
    public OptionalInt ignoredLabel() {
        return hasIgnoredLabel ? OptionalInt.of(ignoredLabel) : OptionalInt.empty();
    }

    /**
     * Returns the label smoothing, 0 by default.
     *
     * @return the label smoothing
     */
    public double labelSmoothing() {
        return labelSmoothing;
    }

    /**
     * Returns the temperature, 1 by default.
     *
     * @return the temperature
     */
    public double temperature() {
        return temperature;
    }

    /**
     * Returns the reduction, {@link Reduction#MEAN} by default.
     *
     * @return the reduction
     */
    public Reduction reduction() {
        return reduction;
    }

    /**
     * Returns the executor, or null for the calling thread (the default).
     *
     * @return the executor, or null
     */
    public Executor executor() {
        return executor;
    }

    LossSpec spec() {
        return spec;
    }

    /** The number of class weights; 0 when there are none (a set of weights is never empty). */
    int classWeightCount() {
        return classWeights == null ? 0 : classWeights.length;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof CrossEntropyOptions)) {
            return false;
        }
        CrossEntropyOptions other = (CrossEntropyOptions) o;
        return Arrays.equals(classWeights, other.classWeights)
                && hasIgnoredLabel == other.hasIgnoredLabel
                && ignoredLabel == other.ignoredLabel
                && Double.compare(labelSmoothing, other.labelSmoothing) == 0
                && Double.compare(temperature, other.temperature) == 0
                && reduction == other.reduction
                && Objects.equals(executor, other.executor);
    }

    @Override
    public int hashCode() {
        return Objects.hash(Arrays.hashCode(classWeights), hasIgnoredLabel, ignoredLabel, labelSmoothing, temperature,
                reduction, executor);
    }

    @Override
    public String toString() {
        return "CrossEntropyOptions[classWeights=" + Arrays.toString(classWeights)
                + ", ignoredLabel=" + (hasIgnoredLabel ? Integer.toString(ignoredLabel) : "none")
                + ", labelSmoothing=" + labelSmoothing
                + ", temperature=" + temperature
                + ", reduction=" + reduction
                + ", executor=" + executor + "]";
    }
}
