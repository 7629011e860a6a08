/**
 * Log-sum-exp, softmax and softmax cross-entropy over {@code double[]}, accurate to a few ulps.
 *
 * <p>The public API is the package {@link io.github.softmax4j}. The optional vector kernel uses
 * {@code jdk.incubator.vector} when the JVM runs with {@code --add-modules jdk.incubator.vector}; the module
 * does not declare it, and reads it at run time only then, so that it resolves on every JVM.
 */
module io.github.softmax4j {
    exports io.github.softmax4j;
}
