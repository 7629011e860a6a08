package io.github.softmax4j;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.stream.LongStream;

/**
 * Seeded random test cases in named regimes. A case is a pure function of its seed, so a failure message
 * that prints the seed (and the vector) reproduces it.
 */
final class Cases {
    private Cases() {}

    /** Regimes of logits, each aimed at a different way a naive formula fails. */
    enum Regime {
        /** Gaussian logits, scale 1e-3 to 1e3, offset up to 1e6. */
        ORDINARY,
        /** One logit 20 to 700 above the rest: tiny losses and softmax entries. */
        CONFIDENT,
        /** Logits spread down to -745 below the maximum: subnormal and underflowing terms. */
        WIDE,
        /** Magnitudes near 1e308, of both signs: shifts that overflow. */
        HUGE,
        /** Few distinct values, so maxima and other entries tie. */
        TIES,
        /** Ordinary logits with some entries -inf. */
        MASKED,
        /** Logits near -log K, so that LSE is near 0 and m + log1p(s) cancels. */
        CANCELLING,
        /** Tiny magnitudes, including subnormals. */
        TINY,
    }

    /** Regimes in which finite differences of the loss are meaningful (moderate, finite logits). */
    static final Regime[] SMOOTH = {Regime.ORDINARY, Regime.CONFIDENT, Regime.TIES, Regime.CANCELLING};

    /** One test case: logits, target weights of the same length, and a label. */
    record Case(long seed, Regime regime, double[] u, double[] p, int label) {
        @Override
        public String toString() {
            return "seed=" + seed + " regime=" + regime + " K=" + u.length + " label=" + label
                    + "\n  u=" + Arrays.toString(u) + "\n  p=" + Arrays.toString(p);
        }
    }

    /**
     * Seeds 0 to {@code n - 1}; a hundredth of them (at least 3) when the system property
     * {@code softmax4j.quickTests} is true, for mutation testing, which reruns the tests for every mutant.
     */
    static LongStream seeds(int n) {
        return LongStream.range(0, Boolean.getBoolean("softmax4j.quickTests") ? Math.max(3, n / 100) : n);
    }

    /** A log-uniform length in [minK, maxK]. */
    static int length(SplittableRandom r, int minK, int maxK) {
        return (int) Math.min(maxK, Math.floor(minK * Math.exp(r.nextDouble() * Math.log((maxK + 1.0) / minK))));
    }

    /** The case of {@code seed} in {@code regime}, with a log-uniform length in [minK, maxK]. */
    static Case of(long seed, Regime regime, int minK, int maxK) {
        SplittableRandom r = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + regime.ordinal());
        int k = length(r, minK, maxK);
        double[] u = logits(r, regime, k);
        int label = r.nextInt(k);
        if (u[label] == Double.NEGATIVE_INFINITY) {
            label = argMax(u);
        }
        return new Case(seed, regime, u, target(r, u), label);
    }

    /** The case of {@code seed}, in the regime that {@code seed} picks among {@code regimes}. */
    static Case of(long seed, Regime[] regimes, int maxK) {
        return of(seed, regimes[(int) Math.floorMod(seed, (long) regimes.length)], 1, maxK);
    }

    static double[] logits(SplittableRandom r, Regime regime, int k) {
        double[] u = new double[k];
        switch (regime) {
            case ORDINARY -> {
                double scale = Math.pow(10, r.nextDouble(-3, 3));
                double offset = r.nextBoolean() ? 0 : r.nextDouble(-1e6, 1e6);
                for (int j = 0; j < k; j++) {
                    u[j] = offset + scale * gaussian(r);
                }
            }
            case CONFIDENT -> {
                double gap = r.nextDouble(20, 700);
                for (int j = 0; j < k; j++) {
                    u[j] = -gap + gaussian(r);
                }
                u[r.nextInt(k)] = r.nextDouble(-5, 5);
            }
            case WIDE -> {
                double top = r.nextDouble(-100, 100);
                for (int j = 0; j < k; j++) {
                    u[j] = top - r.nextDouble(0, 760);
                }
                u[r.nextInt(k)] = top;
            }
            case HUGE -> {
                for (int j = 0; j < k; j++) {
                    u[j] = (r.nextBoolean() ? 1 : -1) * r.nextDouble(1e306, Double.MAX_VALUE);
                }
            }
            case TIES -> {
                double[] values = {r.nextDouble(-3, 3), r.nextDouble(-3, 3), r.nextDouble(-40, 3)};
                int distinct = 1 + r.nextInt(3);
                for (int j = 0; j < k; j++) {
                    u[j] = values[r.nextInt(distinct)];
                }
            }
            case MASKED -> {
                for (int j = 0; j < k; j++) {
                    u[j] = r.nextDouble() < 0.3 ? Double.NEGATIVE_INFINITY : 3 * gaussian(r);
                }
                u[r.nextInt(k)] = 3 * gaussian(r);
            }
            case CANCELLING -> {
                double level = -Math.log(k) - r.nextDouble(0, 1) * (k == 1 ? 1 : 0);
                double noise = Math.pow(10, r.nextDouble(-12, -1));
                for (int j = 0; j < k; j++) {
                    u[j] = level + noise * gaussian(r);
                }
            }
            case TINY -> {
                for (int j = 0; j < k; j++) {
                    u[j] = gaussian(r) * Math.pow(10, r.nextDouble(-323, -1));
                }
            }
            default -> throw new AssertionError(regime);
        }
        return u;
    }

    /**
     * Non-negative target weights in one of several shapes: a random distribution, one-hot, smoothed,
     * concentrated on the maximum (a confident, correct prediction), or unnormalized. Weights on -inf
     * logits are 0.
     */
    static double[] target(SplittableRandom r, double[] u) {
        int k = u.length;
        double[] p = new double[k];
        int shape = r.nextInt(5);
        switch (shape) {
            case 0, 4 -> {
                double sum = 0;
                for (int j = 0; j < k; j++) {
                    p[j] = -Math.log(1 - r.nextDouble()) * (r.nextDouble() < 0.2 ? 0 : 1);
                    sum += p[j];
                }
                double total = shape == 4 ? Math.pow(10, r.nextDouble(-2, 2)) : 1.0;
                for (int j = 0; j < k; j++) {
                    p[j] = sum == 0 ? total / k : p[j] / sum * total;
                }
            }
            case 1 -> p[r.nextInt(k)] = 1.0;
            case 2 -> {
                double eps = r.nextDouble(0, 0.3);
                Arrays.fill(p, eps / k);
                p[r.nextInt(k)] += 1 - eps;
            }
            default -> {
                double rest = Math.pow(10, r.nextDouble(-20, -1));
                Arrays.fill(p, k == 1 ? 0 : rest / (k - 1));
                p[argMax(u)] = 1 - (k == 1 ? 0 : rest);
            }
        }
        for (int j = 0; j < k; j++) {
            if (u[j] == Double.NEGATIVE_INFINITY) {
                p[j] = 0;
            }
        }
        return p;
    }

    static double gaussian(SplittableRandom r) {
        // Box-Muller: SplittableRandom has no nextGaussian on Java 17
        return Math.sqrt(-2 * Math.log(1 - r.nextDouble())) * Math.cos(2 * Math.PI * r.nextDouble());
    }

    static int argMax(double[] u) {
        int k = 0;
        for (int j = 1; j < u.length; j++) {
            if (u[j] > u[k]) {
                k = j;
            }
        }
        return k;
    }
}
