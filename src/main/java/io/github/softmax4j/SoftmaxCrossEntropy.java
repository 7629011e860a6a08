package io.github.softmax4j;

import io.github.softmax4j.internal.Checks;
import io.github.softmax4j.internal.Kernels;

/**
 * The softmax cross-entropy loss of logits {@code u} against target weights {@code p}, and its gradient with
 * respect to the logits:
 * <pre>
 *   h(u)      = -sum_k p_k log S(u)_k = sum(p) LSE(u) - &lt;p, u&gt;
 *   grad h(u) = sum(p) S(u) - p          (S(u) - p for a probability vector p)
 * </pre>
 * With an integer label {@code y} (the target {@code e_y}) the loss is {@code LSE(u) - u_y} and the gradient
 * {@code S(u) - e_y}. The weights need not sum to 1: {@code sum(p)} is used exactly as written.
 *
 * <p>The loss is computed as a sum of non-negative terms,
 * {@code sum_j p_j (m - u_j) + sum(p) log1p(sum_{j != k} exp(u_j - m))} with {@code m = u_k} the maximum,
 * so a confident prediction's tiny loss keeps its full relative accuracy, and nothing overflows unless the
 * result does.
 *
 * <p>Special cases of the label forms ({@code c} is the number of positive-infinity logits):
 * <ul>
 *   <li>If any logit is NaN, the loss and every gradient entry are NaN.
 *   <li>If the label's logit is negative infinity (also when every logit is), the loss is positive
 *       infinity and the gradient is {@code S(u) - e_y}, with {@code S(u)} as in {@link Softmax#of(double[])}.
 *   <li>If some logit is positive infinity, the softmax is {@code 1/c} on those logits: the loss is
 *       {@code log(c)} when the label's logit is one of them, positive infinity otherwise.
 * </ul>
 *
 * <p>Special cases of the target forms:
 * <ul>
 *   <li>If any logit is NaN, the loss and every gradient entry are NaN.
 *   <li>If any target weight is NaN or infinite, or the weights' sum overflows, the loss and every gradient
 *       entry are NaN.
 *   <li>A zero weight on a negative-infinity logit contributes 0 to the loss ({@code 0 log 0 = 0}); a
 *       positive weight there makes the loss positive infinity. Its gradient entry is {@code -p_j}.
 *   <li>If every logit is negative infinity, the loss is positive infinity if some weight is positive and 0
 *       if every weight is 0; the gradient is {@code -p}.
 *   <li>If some logit is positive infinity, the softmax is {@code 1/c} on those logits: the loss is
 *       {@code log(c)} times the weight on them when every other weight is 0, positive infinity otherwise.
 *   <li>Negative weights are allowed; the formulas hold as written, with IEEE arithmetic for the infinite
 *       cases, but the accuracy bounds below assume {@code p >= 0}.
 * </ul>
 *
 * <p>Accuracy, for finite logits and finite target weights {@code p >= 0}: the loss is within 2 ulps of
 * the exact result; each gradient entry of the label forms is within 3 ulps of the exact result; entry
 * {@code j} of the target forms' gradient is within 3 ulps of {@code max(|sum(p) S_j|, |p_j|)}, since the
 * difference of those two terms may cancel. A result below the normal range is within {@code K} units of
 * {@code Double.MIN_VALUE}, for {@code K} logits; so is a target-form gradient entry whose softmax factor
 * {@code S_j} is below the normal range, scaled by {@code max(1, sum(p))}: within {@code K max(1, sum(p))}
 * units. For example {@code value(0, new double[] {40, 0})} is
 * {@code 4.248354255291589E-18} and the first entry of its gradient {@code -4.248354255291589E-18}, where
 * the naive formulas give 0 for both; {@code value(new double[] {0.5, 0.5}, new double[] {1e308, -1e308})}
 * is {@code 1e308}.
 *
 * <p>Every gradient output array may be the logits array itself (the gradient then replaces the logits);
 * it must not be the target array. All methods are stateless and thread-safe, and never modify an input
 * that is not also the output.
 *
 * @since 0.1.0
 */
public final class SoftmaxCrossEntropy {
    private SoftmaxCrossEntropy() {}

    /**
     * Returns the loss {@code sum(target) LSE(logits) - <target, logits>}. Special cases and accuracy are
     * those stated for the target forms in the {@linkplain SoftmaxCrossEntropy class description}.
     *
     * @param target the target weights, usually a probability vector
     * @param logits the logits
     * @return the cross-entropy loss
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if the lengths differ or {@code logits} is empty
     */
    public static double value(double[] target, double[] logits) {
        checkTarget(target, logits);
        return Kernels.get().crossEntropy(target, 0, logits, 0, null, 0, logits.length);
    }

    /**
     * Returns the loss {@code LSE(logits) - logits[label]}. Special cases and accuracy are those stated for
     * the label forms in the {@linkplain SoftmaxCrossEntropy class description}.
     *
     * @param label the index of the true class
     * @param logits the logits
     * @return the cross-entropy loss
     * @throws NullPointerException if {@code logits} is null
     * @throws IllegalArgumentException if {@code logits} is empty
     * @throws IndexOutOfBoundsException unless {@code 0 <= label < logits.length}
     */
    public static double value(int label, double[] logits) {
        checkLabel(label, logits);
        return Kernels.get().crossEntropy(label, logits, 0, null, 0, logits.length);
    }

    /**
     * Returns the gradient {@code sum(target) S(logits) - target} in a new array. Equivalent to
     * {@code gradient(target, logits, new double[logits.length])}.
     *
     * @param target the target weights, usually a probability vector
     * @param logits the logits
     * @return a new array holding the gradient of the loss with respect to the logits
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if the lengths differ or {@code logits} is empty
     */
    public static double[] gradient(double[] target, double[] logits) {
        checkTarget(target, logits);
        return gradient(target, logits, new double[logits.length]);
    }

    /**
     * Writes the gradient {@code sum(target) S(logits) - target} to {@code out} and returns {@code out}.
     * Special cases and accuracy are those stated for the target forms in the
     * {@linkplain SoftmaxCrossEntropy class description}; {@code out} may be {@code logits}.
     *
     * @param target the target weights, usually a probability vector
     * @param logits the logits
     * @param out the array to write the gradient to
     * @return {@code out}
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if the lengths differ, {@code logits} is empty, or {@code out} is
     *     {@code target}
     */
    public static double[] gradient(double[] target, double[] logits, double[] out) {
        valueAndGradient(target, logits, out, "out");
        return out;
    }

    /**
     * Returns the gradient {@code S(logits) - e_label} in a new array. Equivalent to
     * {@code gradient(label, logits, new double[logits.length])}.
     *
     * @param label the index of the true class
     * @param logits the logits
     * @return a new array holding the gradient of the loss with respect to the logits
     * @throws NullPointerException if {@code logits} is null
     * @throws IllegalArgumentException if {@code logits} is empty
     * @throws IndexOutOfBoundsException unless {@code 0 <= label < logits.length}
     */
    public static double[] gradient(int label, double[] logits) {
        checkLabel(label, logits);
        return gradient(label, logits, new double[logits.length]);
    }

    /**
     * Writes the gradient {@code S(logits) - e_label} to {@code out} and returns {@code out}. Special cases
     * and accuracy are those stated for the label forms in the
     * {@linkplain SoftmaxCrossEntropy class description}; {@code out} may be {@code logits}.
     *
     * @param label the index of the true class
     * @param logits the logits
     * @param out the array to write the gradient to
     * @return {@code out}
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if the lengths differ or {@code logits} is empty
     * @throws IndexOutOfBoundsException unless {@code 0 <= label < logits.length}
     */
    public static double[] gradient(int label, double[] logits, double[] out) {
        valueAndGradient(label, logits, out, "out");
        return out;
    }

    /**
     * Writes the gradient {@code sum(target) S(logits) - target} to {@code gradOut} and returns the loss
     * {@code sum(target) LSE(logits) - <target, logits>}, sharing the work of both. Special cases and
     * accuracy are those stated for the target forms in the {@linkplain SoftmaxCrossEntropy class
     * description}; {@code gradOut} may be {@code logits}.
     *
     * @param target the target weights, usually a probability vector
     * @param logits the logits
     * @param gradOut the array to write the gradient to
     * @return the cross-entropy loss
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if the lengths differ, {@code logits} is empty, or {@code gradOut} is
     *     {@code target}
     */
    public static double valueAndGradient(double[] target, double[] logits, double[] gradOut) {
        return valueAndGradient(target, logits, gradOut, "gradOut");
    }

    /**
     * Writes the gradient {@code S(logits) - e_label} to {@code gradOut} and returns the loss
     * {@code LSE(logits) - logits[label]}, sharing the work of both. Special cases and accuracy are those
     * stated for the label forms in the {@linkplain SoftmaxCrossEntropy class description}; {@code gradOut}
     * may be {@code logits}.
     *
     * @param label the index of the true class
     * @param logits the logits
     * @param gradOut the array to write the gradient to
     * @return the cross-entropy loss
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if the lengths differ or {@code logits} is empty
     * @throws IndexOutOfBoundsException unless {@code 0 <= label < logits.length}
     */
    public static double valueAndGradient(int label, double[] logits, double[] gradOut) {
        return valueAndGradient(label, logits, gradOut, "gradOut");
    }

    private static double valueAndGradient(double[] target, double[] logits, double[] grad, String gradName) {
        checkTarget(target, logits);
        Checks.notNull(grad, gradName);
        Checks.sameLength(grad, gradName, logits, "logits");
        Checks.notSame(grad, gradName, target, "target");
        return Kernels.get().crossEntropy(target, 0, logits, 0, grad, 0, logits.length);
    }

    private static double valueAndGradient(int label, double[] logits, double[] grad, String gradName) {
        checkLabel(label, logits);
        Checks.notNull(grad, gradName);
        Checks.sameLength(grad, gradName, logits, "logits");
        return Kernels.get().crossEntropy(label, logits, 0, grad, 0, logits.length);
    }

    private static void checkTarget(double[] target, double[] logits) {
        Checks.notNull(target, "target");
        Checks.notNull(logits, "logits");
        Checks.sameLength(target, "target", logits, "logits");
        Checks.notEmpty(logits, "logits");
    }

    private static void checkLabel(int label, double[] logits) {
        Checks.notNull(logits, "logits");
        Checks.notEmpty(logits, "logits");
        Checks.label(label, logits.length);
    }
}
