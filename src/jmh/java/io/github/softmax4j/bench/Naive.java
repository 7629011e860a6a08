package io.github.softmax4j.bench;

/**
 * The straightforward max-shifted formulas a user would write: a max pass, a {@code Math.exp} and sum pass,
 * and a pass that scales or subtracts. The baseline of the benchmarks, not accurate to a few ulps.
 */
final class Naive {
    private Naive() {}

    static double max(double[] u) {
        double m = Double.NEGATIVE_INFINITY;
        for (double x : u) {
            m = Math.max(m, x);
        }
        return m;
    }

    /** Stores {@code exp(u_j - m)} in {@code out} and returns their sum. */
    static double exp(double[] u, double m, double[] out) {
        double sum = 0;
        for (int j = 0; j < u.length; j++) {
            double e = Math.exp(u[j] - m);
            out[j] = e;
            sum += e;
        }
        return sum;
    }

    static double[] softmax(double[] u, double[] out) {
        double sum = exp(u, max(u), out);
        double inv = 1 / sum;
        for (int j = 0; j < u.length; j++) {
            out[j] *= inv;
        }
        return out;
    }

    static double logSumExp(double[] u) {
        double m = max(u);
        double sum = 0;
        for (double x : u) {
            sum += Math.exp(x - m);
        }
        return m + Math.log(sum);
    }

    static double[] logSoftmax(double[] u, double[] out) {
        double lse = logSumExp(u);
        for (int j = 0; j < u.length; j++) {
            out[j] = u[j] - lse;
        }
        return out;
    }

    static double crossEntropy(int label, double[] u, double[] grad) {
        double loss = logSumExp(u) - u[label];
        softmax(u, grad);
        grad[label] -= 1;
        return loss;
    }

    static double crossEntropy(double[] p, double[] u, double[] grad) {
        double m = max(u);
        double sum = exp(u, m, grad);
        double lse = m + Math.log(sum);
        double inv = 1 / sum;
        double loss = 0;
        for (int j = 0; j < u.length; j++) {
            loss += p[j] * (lse - u[j]);
            grad[j] = grad[j] * inv - p[j];
        }
        return loss;
    }
}
