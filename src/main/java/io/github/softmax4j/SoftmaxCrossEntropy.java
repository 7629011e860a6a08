package io.github.softmax4j;

import io.github.softmax4j.internal.Batch;
import io.github.softmax4j.internal.Checks;
import io.github.softmax4j.internal.Derivatives;
import io.github.softmax4j.internal.Entropies;
import io.github.softmax4j.internal.ErrorFree;
import io.github.softmax4j.internal.Floats;
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
 *       cases (terms {@code p_j (m - u_j)} that overflow to both infinities give NaN), but the accuracy
 *       bounds below assume {@code p >= 0}.
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
 * <p>Beside the single vector: batches of rows with class weights, an ignored label, label smoothing and a
 * temperature ({@link #rows(int[], double[], int, CrossEntropyOptions, double[], double[]) rows} and
 * {@link CrossEntropyOptions}), {@code float[]} forms, the Hessian-vector product
 * {@link #hessianTimes(double[], double[], double[], double[]) hessianTimes} and the
 * {@link #klDivergence KL divergence}.
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

    /**
     * Returns {@link #value(int, double[])} of float logits, computed in double and rounded to float once:
     * within 1 float ulp of the exact result for finite logits.
     *
     * @param label the index of the true class
     * @param logits the logits
     * @return the cross-entropy loss, as a float
     * @throws NullPointerException if {@code logits} is null
     * @throws IllegalArgumentException if {@code logits} is empty
     * @throws IndexOutOfBoundsException unless {@code 0 <= label < logits.length}
     */
    public static float value(int label, float[] logits) {
        checkLabel(label, logits);
        return Floats.crossEntropy(label, logits, null);
    }

    /**
     * {@link #valueAndGradient(int, double[], double[])} for float logits: computed in double, the loss and each
     * gradient entry rounded to float once. {@code gradOut} may be {@code logits}.
     *
     * @param label the index of the true class
     * @param logits the logits
     * @param gradOut the array to write the gradient to
     * @return the cross-entropy loss, as a float
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if the lengths differ or {@code logits} is empty
     * @throws IndexOutOfBoundsException unless {@code 0 <= label < logits.length}
     */
    public static float valueAndGradient(int label, float[] logits, float[] gradOut) {
        checkLabel(label, logits);
        Checks.notNull(gradOut, "gradOut");
        Checks.sameLength(gradOut.length, "gradOut", logits.length, "logits");
        return Floats.crossEntropy(label, logits, gradOut);
    }

    /**
     * Returns {@link #value(double[], double[])} of float arguments, computed in double and rounded to float
     * once.
     *
     * @param target the target weights, usually a probability vector
     * @param logits the logits
     * @return the cross-entropy loss, as a float
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if the lengths differ or {@code logits} is empty
     */
    public static float value(float[] target, float[] logits) {
        checkTarget(target, logits);
        return Floats.crossEntropy(target, logits, null);
    }

    /**
     * {@link #valueAndGradient(double[], double[], double[])} for float arguments: computed in double, the loss
     * and each gradient entry rounded to float once. {@code gradOut} may be {@code logits}, not {@code target}.
     *
     * @param target the target weights, usually a probability vector
     * @param logits the logits
     * @param gradOut the array to write the gradient to
     * @return the cross-entropy loss, as a float
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if the lengths differ, {@code logits} is empty, or {@code gradOut} is
     *     {@code target}
     */
    public static float valueAndGradient(float[] target, float[] logits, float[] gradOut) {
        checkTarget(target, logits);
        Checks.notNull(gradOut, "gradOut");
        Checks.sameLength(gradOut.length, "gradOut", logits.length, "logits");
        if (gradOut == target) {
            throw new IllegalArgumentException("gradOut must not be the same array as target");
        }
        return Floats.crossEntropy(target, logits, gradOut);
    }

    /**
     * Writes the product of the loss's Hessian with {@code v} to {@code out} and returns {@code out}:
     * {@code H v = sum(target) (S * v - S <S, v>)}, {@code sum(target)} times
     * {@link Softmax#jacobianTimes Softmax.jacobianTimes(logits, v, out)}. The Hessian does not depend on
     * where the target's weights lie, only on their sum.
     *
     * <p>Special cases: those of {@link Softmax#jacobianTimes}; a NaN or infinite target weight, or an
     * overflowing sum of them, makes every output NaN. Otherwise an output is never NaN: it overflows, to an
     * infinity of its sign, only where the exact product exceeds the range of doubles.
     *
     * <p>Accuracy: for finite arguments and {@code target >= 0}, entry {@code j} is within 5 ulps of
     * {@code sum(target) S_j (|v_j - <S, v>| + <S, |v|>)}, plus, where {@code S_j} is below the normal range,
     * {@code sum(target)} times the error stated for {@link Softmax#jacobianTimes} there.
     *
     * @param target the target weights, usually a probability vector
     * @param logits the logits
     * @param v the vector to multiply
     * @param out the array to write to; may be {@code logits}, not {@code target} or {@code v}
     * @return {@code out}
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if the lengths differ, {@code logits} is empty, or {@code out} is
     *     {@code target} or {@code v}
     */
    public static double[] hessianTimes(double[] target, double[] logits, double[] v, double[] out) {
        checkTarget(target, logits);
        checkProduct(logits, v, out);
        Checks.notSame(out, "out", target, "target");
        double h = 0;
        double l = 0;
        for (double p : target) {
            double s = h + p;
            l += Double.isFinite(s) ? ErrorFree.twoSumError(h, p, s) : 0.0;
            h = s;
        }
        // the factor h + l as it is: the products take both parts, so it need not be renormalized
        boolean finite = Double.isFinite(h);
        Derivatives.jacobianTimes(logits, v, out, finite ? h : Double.NaN, finite ? l : 0.0);
        return out;
    }

    /**
     * Writes the product of the label loss's Hessian with {@code v} to {@code out} and returns {@code out}:
     * {@code H v = S * v - S <S, v>}, which does not depend on the label; the same as
     * {@link Softmax#jacobianTimes Softmax.jacobianTimes(logits, v, out)}, with its special cases and accuracy.
     *
     * @param label the index of the true class
     * @param logits the logits
     * @param v the vector to multiply
     * @param out the array to write to; may be {@code logits}, not {@code v}
     * @return {@code out}
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if the lengths differ, {@code logits} is empty, or {@code out} is
     *     {@code v}
     * @throws IndexOutOfBoundsException unless {@code 0 <= label < logits.length}
     */
    public static double[] hessianTimes(int label, double[] logits, double[] v, double[] out) {
        checkLabel(label, logits);
        checkProduct(logits, v, out);
        Derivatives.jacobianTimes(logits, v, out, 1.0, 0.0);
        return out;
    }

    private static void checkProduct(double[] logits, double[] v, double[] out) {
        Checks.notNull(v, "v");
        Checks.notNull(out, "out");
        Checks.sameLength(v, "v", logits, "logits");
        Checks.sameLength(out, "out", logits, "logits");
        Checks.notSame(out, "out", v, "v");
    }

    /**
     * Returns the Kullback-Leibler divergence {@code KL(target || S(logits)) = sum_k p_k log(p_k / S_k)}, which
     * is the loss minus the target's entropy, {@code h(u) - H(p)}, for a probability vector {@code p}. Each
     * term {@code p_k (log p_k - log S_k)} is computed in double-double, with {@code log S_k} from the
     * log-softmax, so the two large sums {@code h(u)} and {@code H(p)} never cancel each other.
     *
     * <p>Special cases:
     * <ul>
     *   <li>A zero weight contributes 0 ({@code 0 log 0 = 0}), also where {@code S_k = 0}.
     *   <li>A positive weight where {@code S_k} is exactly 0 (a negative-infinity logit, or a finite one
     *       beside a positive-infinity logit) makes the result positive infinity.
     *   <li>If any logit is NaN, the result is NaN.
     * </ul>
     *
     * <p>Accuracy: for finite logits and a probability vector {@code p}, the result is at least 0 and its
     * error is at most 2 ulps plus {@code 2^-55 sum(p)} absolute (from the logarithms of the weights); a
     * computed value below 0 by no more than {@code 2^-54 sum(p)} is returned as 0. Weights that do not sum
     * to 1 are used as written; the result may then be negative.
     *
     * @param target the target distribution, finite and non-negative
     * @param logits the logits
     * @return {@code KL(target || S(logits))}, in nats
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if the lengths differ, {@code logits} is empty, or a weight is negative,
     *     infinite or NaN
     */
    public static double klDivergence(double[] target, double[] logits) {
        checkTarget(target, logits);
        Checks.nonNegative(target, "target");
        return Entropies.klDivergence(target, logits);
    }

    /**
     * Returns the cross-entropy of a batch of logits against integer labels, reduced over rows as
     * {@code options} say (by default the mean, as {@code torch.nn.functional.cross_entropy}), and writes each
     * row's loss to {@code lossesOut} and the gradient of the returned value with respect to the logits to
     * {@code gradOut}, each when it is not null. Row {@code i} is {@code logits[i * classes, (i + 1) * classes)}
     * with label {@code labels[i]}; the options' semantics are in {@link CrossEntropyOptions}.
     *
     * <p>Results: a row without options is {@link #valueAndGradient(int, double[], double[])} of that row,
     * bit for bit; with options, it is the target form against the effective target (formed in double), with
     * that form's special cases and accuracy, and each gradient entry is then divided by the temperature and
     * by the mean's divisor, one rounding each (none when they are 1). The reduced value is the compensated
     * sum of the rows' losses (divided once by the mean's divisor), summed in fixed blocks of 64 rows, so that
     * it is the same, bit for bit, on any executor.
     *
     * <p>{@code gradOut} may be {@code logits}. No allocation on the calling thread (after its first call with
     * rows this long), except with an executor.
     *
     * @param labels the label of each row, in {@code [0, classes)} or equal to the ignored label
     * @param logits the logits, row after row
     * @param classes the number of classes, at least 1
     * @param options the options; {@link CrossEntropyOptions#defaults()} for the plain mean loss
     * @param lossesOut the array to write each row's loss to, or null
     * @param gradOut the array to write the gradient to, of the length of {@code logits}, or null
     * @return the reduced loss
     * @throws NullPointerException if {@code labels}, {@code logits} or {@code options} is null
     * @throws IllegalArgumentException if {@code classes < 1} or does not divide {@code logits.length}, the
     *     rows and labels differ in number, the class weights are not one per class, or an output has the
     *     wrong length
     * @throws IndexOutOfBoundsException if a label is out of range and not the ignored label
     */
    public static double rows(int[] labels, double[] logits, int classes, CrossEntropyOptions options,
            double[] lossesOut, double[] gradOut) {
        Checks.notNull(logits, "logits");
        int rows = checkLabels(labels, Checks.rows(logits.length, classes, "logits"), classes, options, lossesOut);
        if (gradOut != null) {
            Checks.sameLength(gradOut, "gradOut", logits, "logits");
        }
        return Batch.crossEntropy(labels, null, null, logits, null, rows, classes, options.spec(), lossesOut, gradOut, null);
    }

    /**
     * Returns the cross-entropy of a batch of logits against soft targets (the same row-major layout),
     * reduced over rows as {@code options} say, and writes each row's loss to {@code lossesOut} and the
     * gradient of the returned value to {@code gradOut}, each when it is not null. As
     * {@link #rows(int[], double[], int, CrossEntropyOptions, double[], double[])} otherwise; the mean divides
     * by the number of rows, and an ignored label does not apply.
     *
     * @param targets the target weights, row after row
     * @param logits the logits, row after row
     * @param classes the number of classes, at least 1
     * @param options the options; {@link CrossEntropyOptions#defaults()} for the plain mean loss
     * @param lossesOut the array to write each row's loss to, or null
     * @param gradOut the array to write the gradient to, of the length of {@code logits}, or null; may be
     *     {@code logits}, not {@code targets}
     * @return the reduced loss
     * @throws NullPointerException if {@code targets}, {@code logits} or {@code options} is null
     * @throws IllegalArgumentException if {@code classes < 1} or does not divide {@code logits.length}, the
     *     lengths differ, the class weights are not one per class, an output has the wrong length, or
     *     {@code gradOut} is {@code targets}
     */
    public static double rows(double[] targets, double[] logits, int classes, CrossEntropyOptions options,
            double[] lossesOut, double[] gradOut) {
        Checks.notNull(targets, "targets");
        Checks.notNull(logits, "logits");
        Checks.sameLength(targets, "targets", logits, "logits");
        int rows = Checks.rows(logits.length, classes, "logits");
        checkOptions(options, classes, rows, lossesOut);
        if (gradOut != null) {
            Checks.sameLength(gradOut, "gradOut", logits, "logits");
            Checks.notSame(gradOut, "gradOut", targets, "targets");
        }
        return Batch.crossEntropy(null, targets, null, logits, null, rows, classes, options.spec(), lossesOut, gradOut, null);
    }

    /**
     * {@link #rows(int[], double[], int, CrossEntropyOptions, double[], double[])} over an array of rows, all of
     * the same length: the same results, bit for bit. {@code gradOut[i]} may be {@code logits[i]}.
     *
     * @param labels the label of each row
     * @param logits the rows of logits, all of the same length
     * @param options the options
     * @param lossesOut the array to write each row's loss to, or null
     * @param gradOut the rows to write the gradient to, or null
     * @return the reduced loss
     * @throws NullPointerException if {@code labels}, {@code logits}, a row, or {@code options} is null
     * @throws IllegalArgumentException if the rows are empty or differ in length, or a count or length differs
     * @throws IndexOutOfBoundsException if a label is out of range and not the ignored label
     */
    public static double rows(int[] labels, double[][] logits, CrossEntropyOptions options, double[] lossesOut,
            double[][] gradOut) {
        Checks.notNull(logits, "logits");
        int classes = logits.length == 0 ? 1 : Checks.rectangular(logits, "logits");
        int rows = checkLabels(labels, logits.length, classes, options, lossesOut);
        checkGradientRows(gradOut, rows, classes, null);
        return Batch.crossEntropy(labels, null, null, null, logits, rows, classes, options.spec(), lossesOut, null, gradOut);
    }

    /**
     * {@link #rows(double[], double[], int, CrossEntropyOptions, double[], double[])} over arrays of rows, all of
     * the same length: the same results, bit for bit. {@code gradOut[i]} may be {@code logits[i]}, not
     * {@code targets[i]}.
     *
     * @param targets the rows of target weights
     * @param logits the rows of logits, all of the same length
     * @param options the options
     * @param lossesOut the array to write each row's loss to, or null
     * @param gradOut the rows to write the gradient to, or null
     * @return the reduced loss
     * @throws NullPointerException if an array, a row, or {@code options} is null
     * @throws IllegalArgumentException if the rows are empty or differ in length, a count or length differs,
     *     or a gradient row is a target row
     */
    public static double rows(double[][] targets, double[][] logits, CrossEntropyOptions options, double[] lossesOut,
            double[][] gradOut) {
        Checks.notNull(targets, "targets");
        Checks.notNull(logits, "logits");
        Checks.sameLength(targets.length, "targets", logits.length, "logits");
        int classes = logits.length == 0 ? 1 : Checks.rectangular(logits, "logits");
        if (targets.length > 0) {
            Checks.sameLength(Checks.rectangular(targets, "targets"), "the rows of targets", classes, "the rows of logits");
        }
        int rows = logits.length;
        checkOptions(options, classes, rows, lossesOut);
        checkGradientRows(gradOut, rows, classes, targets);
        return Batch.crossEntropy(null, null, targets, null, logits, rows, classes, options.spec(), lossesOut, null, gradOut);
    }

    /**
     * {@link #rows(int[], double[], int, CrossEntropyOptions, double[], double[])} for float logits: each row
     * widened to double, its loss and gradient entries rounded to float once, and the reduced value too.
     * {@code gradOut} may be {@code logits}.
     *
     * @param labels the label of each row
     * @param logits the logits, row after row
     * @param classes the number of classes, at least 1
     * @param options the options
     * @param lossesOut the array to write each row's loss to, or null
     * @param gradOut the array to write the gradient to, or null
     * @return the reduced loss, as a float
     * @throws NullPointerException if {@code labels}, {@code logits} or {@code options} is null
     * @throws IllegalArgumentException as for the double form
     * @throws IndexOutOfBoundsException if a label is out of range and not the ignored label
     */
    public static float rows(int[] labels, float[] logits, int classes, CrossEntropyOptions options, float[] lossesOut,
            float[] gradOut) {
        Checks.notNull(logits, "logits");
        int rows = checkLabels(labels, Checks.rows(logits.length, classes, "logits"), classes, options, null);
        checkFloatOutputs(lossesOut, rows, gradOut, logits.length);
        return (float) Batch.crossEntropy(labels, null, logits, rows, classes, options.spec(), lossesOut, gradOut);
    }

    /**
     * {@link #rows(double[], double[], int, CrossEntropyOptions, double[], double[])} for float arguments: each
     * row widened to double, its loss and gradient entries rounded to float once, and the reduced value too.
     * {@code gradOut} may be {@code logits}, not {@code targets}.
     *
     * @param targets the target weights, row after row
     * @param logits the logits, row after row
     * @param classes the number of classes, at least 1
     * @param options the options
     * @param lossesOut the array to write each row's loss to, or null
     * @param gradOut the array to write the gradient to, or null
     * @return the reduced loss, as a float
     * @throws NullPointerException if {@code targets}, {@code logits} or {@code options} is null
     * @throws IllegalArgumentException as for the double form
     */
    public static float rows(float[] targets, float[] logits, int classes, CrossEntropyOptions options,
            float[] lossesOut, float[] gradOut) {
        Checks.notNull(targets, "targets");
        Checks.notNull(logits, "logits");
        Checks.sameLength(targets.length, "targets", logits.length, "logits");
        int rows = Checks.rows(logits.length, classes, "logits");
        checkOptions(options, classes, rows, null);
        checkFloatOutputs(lossesOut, rows, gradOut, logits.length);
        if (gradOut != null && gradOut == targets) {
            throw new IllegalArgumentException("gradOut must not be the same array as targets");
        }
        return (float) Batch.crossEntropy(null, targets, logits, rows, classes, options.spec(), lossesOut, gradOut);
    }

    private static int checkLabels(int[] labels, int rows, int classes, CrossEntropyOptions options, double[] lossesOut) {
        Checks.notNull(labels, "labels");
        Checks.sameLength(labels.length, "labels", rows, "the rows of logits");
        checkOptions(options, classes, rows, lossesOut);
        Checks.labels(labels, classes, options.spec());
        return rows;
    }

    private static void checkOptions(CrossEntropyOptions options, int classes, int rows, double[] lossesOut) {
        Checks.notNull(options, "options");
        int weights = options.classWeightCount();
        if (weights != 0 && weights != classes) {
            throw new IllegalArgumentException("classWeights has length " + weights + " but logits have " + classes
                    + " classes");
        }
        if (lossesOut != null) {
            Checks.sameLength(lossesOut.length, "lossesOut", rows, "the rows of logits");
        }
    }

    private static void checkGradientRows(double[][] gradOut, int rows, int classes, double[][] targets) {
        if (gradOut == null) {
            return;
        }
        Checks.sameLength(gradOut.length, "gradOut", rows, "logits");
        for (int i = 0; i < rows; i++) {
            Checks.notNull(gradOut[i], "gradOut[" + i + "]");
            Checks.sameLength(gradOut[i].length, "gradOut[" + i + "]", classes, "the rows of logits");
            if (targets != null && gradOut[i] == targets[i]) {
                throw new IllegalArgumentException("gradOut[" + i + "] must not be the same array as targets[" + i + "]");
            }
        }
    }

    private static void checkFloatOutputs(float[] lossesOut, int rows, float[] gradOut, int length) {
        if (lossesOut != null) {
            Checks.sameLength(lossesOut.length, "lossesOut", rows, "the rows of logits");
        }
        if (gradOut != null) {
            Checks.sameLength(gradOut.length, "gradOut", length, "logits");
        }
    }

    private static void checkLabel(int label, float[] logits) {
        Checks.notNull(logits, "logits");
        Checks.notEmpty(logits.length, "logits");
        Checks.label(label, logits.length);
    }

    private static void checkTarget(float[] target, float[] logits) {
        Checks.notNull(target, "target");
        Checks.notNull(logits, "logits");
        Checks.sameLength(target.length, "target", logits.length, "logits");
        Checks.notEmpty(logits.length, "logits");
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
