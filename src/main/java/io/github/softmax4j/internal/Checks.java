package io.github.softmax4j.internal;

/** Argument checks of the public methods, with messages that name the argument and the offending value. */
public final class Checks {
    private Checks() {}

    /** Throws {@link IllegalArgumentException} unless {@code a} and {@code b} have the same length. */
    public static void sameLength(double[] a, String aName, double[] b, String bName) {
        if (a.length != b.length) {
            throw new IllegalArgumentException(
                    aName + " has length " + a.length + " but " + bName + " has length " + b.length);
        }
    }

    /** Throws {@link IllegalArgumentException} if {@code logits} is empty: no distribution over zero classes. */
    public static void notEmpty(double[] logits, String name) {
        notEmpty(logits.length, name);
    }

    /** Throws {@link IllegalArgumentException} if {@code length} is 0: no distribution over zero classes. */
    public static void notEmpty(int length, String name) {
        if (length == 0) {
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

    /** Throws {@link NullPointerException} naming {@code name} if {@code o} is null. */
    public static void notNull(Object o, String name) {
        if (o == null) {
            throw new NullPointerException(name + " must not be null");
        }
    }

    /** Throws {@link IllegalArgumentException} unless two lengths are equal. */
    public static void sameLength(int a, String aName, int b, String bName) {
        if (a != b) {
            throw new IllegalArgumentException(aName + " has length " + a + " but " + bName + " has length " + b);
        }
    }

    /**
     * Returns the number of rows of a flat row-major batch of {@code length} entries: throws
     * {@link IllegalArgumentException} unless {@code classes >= 1} divides {@code length}.
     */
    public static int rows(int length, int classes, String name) {
        if (classes < 1) {
            throw new IllegalArgumentException("classes is " + classes + " but must be at least 1");
        }
        if (length % classes != 0) {
            throw new IllegalArgumentException(
                    name + " has length " + length + ", which is not a multiple of classes " + classes);
        }
        return length / classes;
    }

    /**
     * Returns the common length of the rows of a batch: throws {@link NullPointerException} for a null row
     * and {@link IllegalArgumentException} for rows of different lengths or empty rows.
     */
    public static int rectangular(double[][] rows, String name) {
        int classes = -1;
        for (int i = 0; i < rows.length; i++) {
            if (rows[i] == null) {
                throw new NullPointerException(name + "[" + i + "] must not be null");
            }
            if (classes < 0) {
                classes = rows[i].length;
            } else if (rows[i].length != classes) {
                throw new IllegalArgumentException(
                        name + "[" + i + "] has length " + rows[i].length + " but " + name + "[0] has length " + classes);
            }
        }
        if (classes == 0) {
            throw new IllegalArgumentException(name + " has rows of length 0: there is no distribution over zero classes");
        }
        return classes;
    }

    /** Throws {@link IndexOutOfBoundsException} naming the row unless {@code labels[i]} is a class or ignored. */
    public static void labels(int[] labels, int classes, LossSpec spec) {
        for (int i = 0; i < labels.length; i++) {
            int y = labels[i];
            if ((y < 0 || y >= classes) && !spec.ignores(y)) {
                throw new IndexOutOfBoundsException("labels[" + i + "] is " + y + ", out of range [0, " + classes + ")");
            }
        }
    }

    /** Throws {@link IllegalArgumentException} naming the index unless every entry is finite and {@code >= 0}. */
    public static void nonNegative(double[] x, String name) {
        for (int j = 0; j < x.length; j++) {
            if (!(x[j] >= 0) || x[j] == Double.POSITIVE_INFINITY) {
                throw new IllegalArgumentException(
                        name + "[" + j + "] is " + x[j] + " but must be finite and non-negative");
            }
        }
    }
}
