package io.github.softmax4j;

import ch.obermuhlner.math.big.BigDecimalMath;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * A high-precision reference (BigDecimal, 40 significant digits) for logits that are finite or
 * {@code -inf}, at least one finite, and finite target weights. Every quantity is computed from the exact
 * values of the double inputs; exponentials below {@code exp(-800)} are dropped, which changes no result by
 * more than 10^-340 absolutely and no sum by more than 10^-340 relatively.
 */
final class Oracle {
    static final MathContext MC = new MathContext(40, RoundingMode.HALF_EVEN);
    private static final BigDecimal CUTOFF = BigDecimal.valueOf(-800);

    final double[] u;
    final BigDecimal max;
    /** Exact shifts u_j - max; null for -inf entries. */
    final BigDecimal[] shift;
    /** exp(shift_j), zero below the cut-off and for -inf entries. */
    final BigDecimal[] term;
    final BigDecimal logZ;
    final BigDecimal z;

    Oracle(double[] u) {
        this.u = u.clone();
        double m = Double.NEGATIVE_INFINITY;
        for (double x : u) {
            m = Math.max(m, x);
        }
        if (!Double.isFinite(m)) {
            throw new IllegalArgumentException("the oracle needs a finite maximum");
        }
        max = new BigDecimal(m);
        shift = new BigDecimal[u.length];
        term = new BigDecimal[u.length];
        // s = sum of the terms other than the first maximal one (whose term is exactly 1), so that
        // log Z = log1p(s) keeps full relative accuracy however small s is
        int top = -1;
        BigDecimal s = BigDecimal.ZERO;
        for (int j = 0; j < u.length; j++) {
            if (u[j] == Double.NEGATIVE_INFINITY) {
                term[j] = BigDecimal.ZERO;
                continue;
            }
            shift[j] = new BigDecimal(u[j]).subtract(max);
            // the shift rounded to 40 digits changes exp by a relative 10^-37 at most (|shift| <= 800)
            term[j] = shift[j].compareTo(CUTOFF) < 0 ? BigDecimal.ZERO : BigDecimalMath.exp(shift[j].round(MC), MC);
            if (top < 0 && u[j] == m) {
                top = j;
            } else {
                s = s.add(term[j], MC);
            }
        }
        z = BigDecimal.ONE.add(s); // exact, so that S_j - 1 = (term_j - z) / z does not cancel in the oracle
        logZ = log1p(s);
    }

    /** log(1 + s) to 40 significant digits, for s >= 0: the series for small s, where 1 + s would round. */
    static BigDecimal log1p(BigDecimal s) {
        if (s.compareTo(new BigDecimal("1e-4")) >= 0) {
            return BigDecimalMath.log(BigDecimal.ONE.add(s), MC);
        }
        // s - s^2/2 + s^3/3 - ...: ten terms leave less than s^11 < 10^-40 s
        BigDecimal sum = BigDecimal.ZERO;
        BigDecimal power = s;
        for (int n = 1; n <= 11; n++) {
            BigDecimal t = power.divide(BigDecimal.valueOf(n), MC);
            sum = (n % 2 == 1) ? sum.add(t, MC) : sum.subtract(t, MC);
            power = power.multiply(s, MC);
        }
        return sum;
    }

    BigDecimal logSumExp() {
        return max.add(logZ, MC);
    }

    /**
     * What the log-sum-exp contract measures ulps against: the exact result, or {@code |max|} when the result
     * cancels ({@code max < 0} and {@code |LSE| < |max| / 2}).
     */
    BigDecimal logSumExpScale() {
        BigDecimal lse = logSumExp();
        boolean cancels = max.signum() < 0 && lse.abs().compareTo(max.abs().divide(BigDecimal.valueOf(2))) < 0;
        return cancels ? max.abs() : lse;
    }

    BigDecimal softmax(int j) {
        return term[j].divide(z, MC);
    }

    /** log S_j; null for a -inf entry (the exact result is -inf). */
    BigDecimal logSoftmax(int j) {
        return shift[j] == null ? null : shift[j].subtract(logZ, MC);
    }

    /** The exact sum of the weights. */
    static BigDecimal sum(double[] p) {
        BigDecimal s = BigDecimal.ZERO;
        for (double x : p) {
            s = s.add(new BigDecimal(x));
        }
        return s;
    }

    /** -sum_j p_j log S_j, with 0 log 0 = 0; null when a positive weight sits on a -inf logit. */
    BigDecimal loss(double[] p) {
        BigDecimal h = BigDecimal.ZERO;
        for (int j = 0; j < p.length; j++) {
            if (p[j] == 0) {
                continue;
            }
            if (shift[j] == null) {
                return null;
            }
            h = h.subtract(new BigDecimal(p[j]).multiply(logSoftmax(j)), MC);
        }
        return h;
    }

    BigDecimal loss(int label) {
        return shift[label] == null ? null : logSoftmax(label).negate();
    }

    /** pSum S_j - p_j = (pSum term_j - p_j z) / z, for {@code pSum = sum(p)}; the numerator is exact. */
    BigDecimal gradient(BigDecimal pSum, double[] p, int j) {
        return pSum.multiply(term[j]).subtract(new BigDecimal(p[j]).multiply(z)).divide(z, MC);
    }

    /** The magnitude the soft-target gradient's error is measured against: max(|sum(p) S_j|, |p_j|). */
    BigDecimal gradientScale(BigDecimal pSum, double[] p, int j) {
        return pSum.multiply(softmax(j), MC).abs().max(new BigDecimal(p[j]).abs());
    }

    BigDecimal gradient(int label, int j) {
        return j == label ? term[j].subtract(z).divide(z, MC) : softmax(j);
    }

    /**
     * The error of {@code computed} in ulps of the exact value {@code exact}, with the ulp taken in the
     * exact value's own binade. Infinite or NaN {@code computed} values give infinity.
     */
    static double ulps(double computed, BigDecimal exact) {
        return ulps(computed, exact, exact);
    }

    /** The error of {@code computed} against {@code exact}, in ulps of {@code scale}. */
    static double ulps(double computed, BigDecimal exact, BigDecimal scale) {
        if (!Double.isFinite(computed)) {
            return Double.POSITIVE_INFINITY;
        }
        BigDecimal diff = new BigDecimal(computed).subtract(exact).abs();
        return diff.divide(new BigDecimal(ulpOf(scale)), MC).doubleValue();
    }

    /** The ulp of the binade that holds |x| (at least Double.MIN_VALUE). */
    static double ulpOf(BigDecimal x) {
        double d = Math.abs(x.doubleValue());
        double ulp = Math.ulp(d);
        // x rounded up to a power of two: its binade is the one below
        if (d >= Double.MIN_NORMAL && d == Math.scalb(1.0, Math.getExponent(d))
                && x.abs().compareTo(new BigDecimal(d)) < 0) {
            ulp /= 2;
        }
        return ulp;
    }

    /** H(S) = sum_j S_j (log Z - shift_j) over the terms that are not 0. */
    BigDecimal entropy() {
        BigDecimal h = BigDecimal.ZERO;
        for (int j = 0; j < u.length; j++) {
            if (term[j].signum() != 0) {
                h = h.add(softmax(j).multiply(logZ.subtract(shift[j])), MC);
            }
        }
        return h;
    }

    /** sum_j p_j (log p_j - log S_j), 0 log 0 = 0; null when a positive weight sits on a -inf logit. */
    BigDecimal klDivergence(double[] p) {
        BigDecimal kl = BigDecimal.ZERO;
        for (int j = 0; j < p.length; j++) {
            if (p[j] == 0) {
                continue;
            }
            if (shift[j] == null) {
                return null;
            }
            BigDecimal lp = BigDecimalMath.log(new BigDecimal(p[j]), MC);
            kl = kl.add(new BigDecimal(p[j]).multiply(lp.subtract(logSoftmax(j))), MC);
        }
        return kl;
    }

    /** <S, v>. */
    BigDecimal dot(double[] v) {
        BigDecimal c = BigDecimal.ZERO;
        for (int j = 0; j < v.length; j++) {
            c = c.add(softmax(j).multiply(new BigDecimal(v[j])), MC);
        }
        return c;
    }

    /** (J v)_j = S_j (v_j - <S, v>). */
    BigDecimal jacobianTimes(double[] v, BigDecimal dot, int j) {
        return softmax(j).multiply(new BigDecimal(v[j]).subtract(dot), MC);
    }

    /** What J v's error is measured against: S_j (|v_j - <S, v>| + <S, |v|>). */
    BigDecimal jacobianScale(double[] v, BigDecimal dot, int j) {
        BigDecimal abs = BigDecimal.ZERO;
        for (int i = 0; i < v.length; i++) {
            abs = abs.add(softmax(i).multiply(new BigDecimal(Math.abs(v[i]))), MC);
        }
        return softmax(j).multiply(new BigDecimal(v[j]).subtract(dot).abs().add(abs), MC);
    }

    /**
     * log sum_j b_j exp(u_j) over b_j > 0 (finite u), and m = max_j (u_j + log b_j): {value, m}. Terms below
     * exp(-800) relative to the largest are dropped.
     */
    static BigDecimal[] weightedLogSumExp(double[] u, double[] b) {
        BigDecimal m = null;
        int top = -1;
        BigDecimal[] v = new BigDecimal[u.length];
        for (int j = 0; j < u.length; j++) {
            if (b[j] > 0 && u[j] != Double.NEGATIVE_INFINITY) {
                // 50 digits: u_j + log b_j may cancel
                v[j] = new BigDecimal(u[j]).add(BigDecimalMath.log(new BigDecimal(b[j]), new MathContext(60)));
                if (m == null || v[j].compareTo(m) > 0) {
                    m = v[j];
                    top = j;
                }
            }
        }
        // the largest term is exactly 1; log1p of the rest keeps full relative accuracy however small it is
        BigDecimal s = BigDecimal.ZERO;
        for (int j = 0; j < u.length; j++) {
            if (v[j] != null && j != top) {
                BigDecimal d = v[j].subtract(m);
                if (d.compareTo(CUTOFF) >= 0) {
                    s = s.add(BigDecimalMath.exp(d.round(MC), MC), MC);
                }
            }
        }
        return new BigDecimal[] {m.add(log1p(s), MC), m};
    }
}
