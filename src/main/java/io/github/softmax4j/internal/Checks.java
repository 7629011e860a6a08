package io.github.softmax4j.internal;

/** Argument checks of the public methods, with messages that name the argument and the offending value. */
public final class Checks {
    private Checks() {}

    /** Throws {@link NullPointerException} naming {@code name} if {@code array} is null. */
    public static double[] notNull(double[] array, String name) {
        if (array == null) {
            throw new NullPointerException(name + " must not be null");
        }
        return array;
    }

    /** Throws {@link IllegalArgumentException} unless {@code a} and {@code b} have the same length. */
    public static void sameLength(double[] a, String aName, double[] b, String bName) {
        if (a.length != b.length) {
            throw new IllegalArgumentException(
                    aName + " has length " + a.length + " but " + bName + " has length " + b.length);
        }
    }

    /** Throws {@link IllegalArgumentException} if {@code logits} is empty: no distribution over zero classes. */
    public static void notEmpty(double[] logits, String name) {
        if (logits.length == 0) {
            throw new IllegalArgumentException(name + " must not be empty: there is no distribution over zero classes");
        }
    }

    /** Throws {@link IndexOutOfBoundsException} unless {@code 0 <= label < classes}. */
    public static void label(int label, int classes) {
        if (label < 0 || label >= classes) {
            throw new IndexOutOfBoundsException("label " + label + " is out of range [0, " + classes + ")");
        }
    }

    /** Throws {@link IndexOutOfBoundsException} unless {@code 0 <= from <= to <= length}. */
    public static void range(int from, int to, int length, String name) {
        if (from < 0 || from > to || to > length) {
            throw new IndexOutOfBoundsException(
                    "from " + from + ", to " + to + " is not a range of " + name + " of length " + length);
        }
    }

    /** Throws {@link IllegalArgumentException} if the output array is the (read-only) {@code input}. */
    public static void notSame(double[] out, String outName, double[] input, String inputName) {
        if (out == input) {
            throw new IllegalArgumentException(outName + " must not be the same array as " + inputName);
        }
    }
}
