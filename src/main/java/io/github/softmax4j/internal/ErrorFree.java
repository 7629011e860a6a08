package io.github.softmax4j.internal;

/**
 * Error-free transformations: the exact rounding error of a floating-point sum, so that a sum can be
 * carried as an unevaluated pair {@code hi + lo} (Knuth's TwoSum and Dekker's FastTwoSum).
 */
public final class ErrorFree {
    private ErrorFree() {}

    /**
     * Returns {@code (a + b) - s} exactly, where {@code s = fl(a + b)} (Knuth's TwoSum, 6 flops, no branch).
     * Finite inputs only: an infinite operand makes the result NaN.
     */
    public static double twoSumError(double a, double b, double s) {
        double bv = s - a;
        return (a - (s - bv)) + (b - bv);
    }

    /**
     * Returns {@code (a + b) - s} exactly, where {@code s = fl(a + b)}, provided {@code |a| >= |b|} or
     * {@code a == 0} (Dekker's FastTwoSum).
     */
    public static double fastTwoSumError(double a, double b, double s) {
        return b - (s - a);
    }
}
