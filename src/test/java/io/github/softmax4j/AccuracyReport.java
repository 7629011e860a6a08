package io.github.softmax4j;

import io.github.softmax4j.Cases.Case;
import io.github.softmax4j.Cases.Regime;
import java.math.BigDecimal;

/**
 * Prints the largest error, in ulps, of every function per regime against the {@link Oracle}: the
 * measurement behind the accuracy contract. Not a test; run it with
 * {@code mvn -q test-compile exec:java -Dexec.classpathScope=test -Dexec.mainClass=io.github.softmax4j.AccuracyReport -Dexec.args=2000}
 * or any Java launcher with the test classpath.
 */
public final class AccuracyReport {
    private AccuracyReport() {}

    static final String[] FUNCTIONS = {
        "LogSumExp.of", "Softmax.of", "Softmax.log", "value(target)", "value(label)", "gradient(target)",
        "gradient(label)",
    };

    public static void main(String[] args) {
        int seeds = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        int maxK = args.length > 1 ? Integer.parseInt(args[1]) : 300;
        System.out.printf("%-11s %s%n", "regime", String.join("  ", FUNCTIONS));
        for (Regime regime : Regime.values()) {
            double[] worst = new double[FUNCTIONS.length];
            for (long seed = 0; seed < seeds; seed++) {
                measure(Cases.of(seed, regime, 1, maxK), worst);
            }
            StringBuilder line = new StringBuilder(String.format("%-11s", regime));
            for (int f = 0; f < worst.length; f++) {
                line.append(String.format(" %" + FUNCTIONS[f].length() + ".3f ", worst[f]));
            }
            System.out.println(line);
        }
    }

    /**
     * Folds the errors of one case into {@code worst}; subnormal exact values, and target-gradient entries whose
     * softmax is subnormal, are skipped (their bound is absolute).
     */
    static void measure(Case c, double[] worst) {
        double[] u = c.u();
        double[] p = c.p();
        Oracle o = new Oracle(u);
        fold(worst, 0, LogSumExp.of(u), o.logSumExp(), o.logSumExpScale());
        double[] s = Softmax.of(u);
        double[] logS = Softmax.log(u);
        double[] gp = new double[u.length];
        double[] gy = new double[u.length];
        fold(worst, 3, SoftmaxCrossEntropy.valueAndGradient(p, u, gp), o.loss(p), o.loss(p));
        fold(worst, 4, SoftmaxCrossEntropy.valueAndGradient(c.label(), u, gy), o.loss(c.label()),
                o.loss(c.label()));
        BigDecimal pSum = Oracle.sum(p);
        for (int j = 0; j < u.length; j++) {
            fold(worst, 1, s[j], o.softmax(j), o.softmax(j));
            fold(worst, 2, logS[j], o.logSoftmax(j), o.logSoftmax(j));
            if (o.softmax(j).doubleValue() >= Double.MIN_NORMAL) {
                fold(worst, 5, gp[j], o.gradient(pSum, p, j), o.gradientScale(pSum, p, j));
            }
            fold(worst, 6, gy[j], o.gradient(c.label(), j), o.gradient(c.label(), j));
        }
    }

    private static void fold(double[] worst, int f, double computed, BigDecimal exact, BigDecimal scale) {
        if (exact == null || Double.isInfinite(exact.doubleValue())
                || Math.abs(scale.doubleValue()) < Double.MIN_NORMAL) {
            return;
        }
        worst[f] = Math.max(worst[f], Oracle.ulps(computed, exact, scale));
    }
}
