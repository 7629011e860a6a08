/**
 * Log-sum-exp, softmax and softmax cross-entropy over {@code double[]}, accurate to a few ulps.
 *
 * <p>The public API is the package {@link io.github.softmax4j}.
 */
module io.github.softmax4j {
    // optional: the vector kernel is used only when the JVM runs with --add-modules jdk.incubator.vector
    requires static jdk.incubator.vector;

    exports io.github.softmax4j;
}
