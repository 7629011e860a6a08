/**
 * Log-sum-exp, softmax and softmax cross-entropy over {@code double[]}, accurate to a few ulps.
 *
 * <p>The public API is the package {@link io.github.softmax4j}.
 */
module io.github.softmax4j {
    exports io.github.softmax4j;
}
