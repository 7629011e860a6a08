package io.github.softmax4j.internal;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The Panama kernel: the passes of {@link ScalarKernel} over {@code DoubleVector}s of the preferred species
 * (8 lanes with AVX-512), with the scalar passes for the tails. Loaded only when the
 * {@code jdk.incubator.vector} module is readable (see {@link Kernels}).
 *
 * <p>Every compensated sum stays compensated: each lane carries its own TwoSum pair {@code (hi, lo)}, and
 * the lanes' high parts are then added one by one with TwoSum, so the vector order of summation costs no
 * accuracy. The exponential is the kernel's own ({@link #expChunk}), within about 0.6 ulp with the shift's
 * error folded into its argument, and made of plain arithmetic, so that its results do not depend on how the
 * JIT compiled it: the same inputs give the same bits. Tails and short vectors use the scalar kernel's
 * exponential.
 */
final class VectorKernel extends ScalarKernel {
    private static final VectorSpecies<Double> SPECIES = DoubleVector.SPECIES_PREFERRED;
    private static final int LANES = SPECIES.length();
    /** Lengths below this take the scalar kernel's passes (measured: slower on vectors at K = 10). */
    private static final int SMALL = 4 * LANES;

    /** Throws {@link UnsupportedOperationException} when the preferred species has a single lane. */
    VectorKernel() {
        if (LANES < 2) {
            throw new UnsupportedOperationException("the preferred vector species has " + LANES + " lane");
        }
    }

    @Override
    public String toString() {
        return "vector kernel (" + LANES + " lanes of double)";
    }

    @Override
    int argMax(double[] u, int off, int n) {
        if (n < SMALL) {
            return super.argMax(u, off, n);
        }
        int bound = SPECIES.loopBound(n);
        double m = Double.NEGATIVE_INFINITY;
        if (bound > 0) {
            // four independent maxima: one chain would wait on the latency of each lanewise max
            DoubleVector max0 = DoubleVector.broadcast(SPECIES, Double.NEGATIVE_INFINITY);
            DoubleVector max1 = max0;
            DoubleVector max2 = max0;
            DoubleVector max3 = max0;
            int i = 0;
            for (; i + 4 * LANES <= bound; i += 4 * LANES) {
                max0 = max0.max(DoubleVector.fromArray(SPECIES, u, off + i));
                max1 = max1.max(DoubleVector.fromArray(SPECIES, u, off + i + LANES));
                max2 = max2.max(DoubleVector.fromArray(SPECIES, u, off + i + 2 * LANES));
                max3 = max3.max(DoubleVector.fromArray(SPECIES, u, off + i + 3 * LANES));
            }
            for (; i < bound; i += LANES) {
                max0 = max0.max(DoubleVector.fromArray(SPECIES, u, off + i));
            }
            m = max0.max(max1).max(max2.max(max3)).reduceLanes(VectorOperators.MAX);
            if (m != m) {
                // the lanewise maximum propagates NaN; the scalar pass skips it, and NaN reaches every output
                return super.argMax(u, off, n);
            }
        }
        for (int j = bound; j < n; j++) {
            if (u[off + j] > m) {
                m = u[off + j];
            }
        }
        if (m == Double.NEGATIVE_INFINITY) {
            return -1;
        }
        DoubleVector target = DoubleVector.broadcast(SPECIES, m);
        for (int i = 0; i < bound; i += LANES) {
            VectorMask<Double> hit = DoubleVector.fromArray(SPECIES, u, off + i).compare(VectorOperators.EQ, target);
            if (hit.anyTrue()) {
                return i + hit.firstTrue();
            }
        }
        for (int j = bound; j < n; j++) {
            if (u[off + j] == m) {
                return j;
            }
        }
        throw new AssertionError("the maximum " + m + " is not in the range");
    }

    /**
     * {@link ScalarKernel#expSum} chunk by chunk, each loop on vectors with a scalar tail; below
     * {@link #SMALL} entries the scalar pass, whose inlined exponential beats a call of the vector one.
     */
    @Override
    DoubleDouble expSum(double[] u, int off, int n, int k, double m, double[] out, int outOff, boolean shifts,
            Workspace w) {
        if (n < SMALL) {
            return super.expSum(u, off, n, k, m, out, outOff, shifts, w);
        }
        // the terms go to out unless it takes the shifts
        double[] termsOut = shifts ? null : out;
        double[] ex = w.chunk;
        DoubleVector negM = DoubleVector.broadcast(SPECIES, -m);
        double sh = 0;
        double sl = 0;
        for (int c = 0; c < n; c += Workspace.CHUNK) {
            int len = Math.min(Workspace.CHUNK, n - c);
            int base = off + c;
            int bound = SPECIES.loopBound(len);
            expChunk(u, base, bound, m, ex, shifts ? out : null, outOff + c);
            for (int j = bound; j < len; j++) {
                double x = u[base + j];
                double d = x - m;
                ex[j] = Exp.exp(d, ErrorFree.twoSumError(x, -m, d)); // the tail as in the scalar kernel
                if (shifts) {
                    out[outOff + c + j] = d;
                }
            }
            if (k >= c && k < c + len) {
                ex[k - c] = 0.0; // the maximal term, exactly 1, is not part of s
            }
            DoubleVector hi = DoubleVector.zero(SPECIES);
            DoubleVector lo = DoubleVector.zero(SPECIES);
            for (int j = 0; j < bound; j += LANES) {
                DoubleVector t = DoubleVector.fromArray(SPECIES, ex, j);
                DoubleVector h = hi.add(t);
                lo = lo.add(twoSumError(hi, t, h));
                hi = h;
                if (termsOut != null) {
                    t.intoArray(termsOut, outOff + c + j);
                }
            }
            for (int j = bound; j < len; j++) {
                double t = ex[j];
                double h = sh + t;
                sl += ErrorFree.twoSumError(sh, t, h);
                sh = h;
                if (termsOut != null) {
                    termsOut[outOff + c + j] = t;
                }
            }
            // the lanes, through the chunk (done with): high parts one by one with TwoSum, so that their order
            // costs no accuracy
            w.sum.set(sh, sl);
            reduce(hi, lo, w.sum, ex);
            sh = w.sum.hi;
            sl = w.sum.lo;
        }
        return w.sum.set(sh, sl);
    }

    /** Entries of the shift below this take the scalar exponential: the vector one needs a normal 2^k. */
    private static final double NORMAL = -708.0;
    private static final double INV_LN2 = 1.4426950408889634;
    /** 1.5 * 2^52: adding it rounds to an integer, which the low bits of the sum hold. */
    private static final double ROUND = 0x1.8p52;
    /** log 2 split so that {@code k * LN2_HI} is exact for |k| < 2^21 (fdlibm's split). */
    private static final double LN2_HI = 6.93147180369123816490e-01;
    private static final double LN2_LO = 1.90821492927058770002e-10;

    /**
     * Writes {@code exp(u_j - m)} to {@code ex[j]} for {@code j < bound} ({@code u_j} at {@code base + j}), the
     * shift's rounding error included, within about 0.6 ulp; {@code bound} is a multiple of the lanes. Each
     * lane: {@code d + e = k log 2 + r} with {@code |r| <= 0.35}; {@code exp(r) = 1 + r + r^2 q(r)} with
     * {@code q} the Taylor polynomial of degree 11 (truncation below 2^-57); {@code 1 + r} added exactly
     * (Fast2Sum), so that only the final addition rounds at the result's scale; {@code 2^k} built from the
     * bits of {@code k}. A vector with a shift below {@link #NORMAL} (a subnormal or zero term, or
     * {@code -inf}) or NaN is redone by the scalar exponential. When {@code shifts} is not null, the rounded
     * shifts {@code u_j - m} are then written to it from {@code shiftOff} on.
     *
     * <p>Plain arithmetic, unlike {@code VectorOperators.EXP}, whose result differs between the JIT's
     * intrinsic and the interpreter's fallback: these terms are the same bits however the code runs.
     */
    private static void expChunk(double[] u, int base, int bound, double m, double[] ex, double[] shifts, int shiftOff) {
        DoubleVector negM = DoubleVector.broadcast(SPECIES, -m);
        // the shifts go out in the loop, unless they overwrite u, which the scalar redo below may read
        boolean shiftsNow = shifts != null && shifts != u;
        boolean normal = true;
        for (int j = 0; j < bound; j += LANES) {
            DoubleVector x = DoubleVector.fromArray(SPECIES, u, base + j);
            DoubleVector d = x.add(negM);
            if (shiftsNow) {
                d.intoArray(shifts, shiftOff + j);
            }
            DoubleVector e = twoSumError(x, negM, d);
            DoubleVector shifted = d.fma(INV_LN2, ROUND);
            DoubleVector kd = shifted.sub(ROUND);
            DoubleVector twoK = shifted.reinterpretAsLongs().add(1023).lanewise(VectorOperators.LSHL, 52)
                    .reinterpretAsDoubles();
            // exact: k LN2_HI has at most 43 significant bits and lies within 0.35 of d
            DoubleVector rh = kd.mul(-LN2_HI).add(d);
            DoubleVector rl = kd.mul(-LN2_LO).add(e);
            DoubleVector r = rh.add(rl);
            DoubleVector rr = rh.sub(r).add(rl);
            DoubleVector r2 = r.mul(r);
            DoubleVector h = r.add(1.0);
            DoubleVector err = DoubleVector.broadcast(SPECIES, 1.0).sub(h).add(r); // 1 + r - h, exactly
            // q(r) = sum_{i=2..13} r^(i-2) / i! by Estrin's scheme, written out here: a vector method the JIT
            // has compiled on its own is inlined only if it is tiny, and a vector passed to a call is boxed
            DoubleVector r4 = r2.mul(r2);
            DoubleVector b0 = r2.fma(r.fma(c(1.0 / 120), c(1.0 / 24)), r.fma(c(1.0 / 6), c(1.0 / 2)));
            DoubleVector b1 = r2.fma(r.fma(c(1.0 / 362880), c(1.0 / 40320)), r.fma(c(1.0 / 5040), c(1.0 / 720)));
            DoubleVector b2 = r2.fma(r.fma(c(1.0 / 6227020800.0), c(1.0 / 479001600)),
                    r.fma(c(1.0 / 39916800), c(1.0 / 3628800)));
            DoubleVector q = r4.mul(r4).fma(b2, r4.fma(b1, b0));
            h.add(err.add(rr.add(r2.mul(q)))).mul(twoK).intoArray(ex, j);
            normal &= d.compare(VectorOperators.GE, NORMAL).allTrue();
        }
        if (!normal) {
            // after the vector loop: a call inside it would make the JIT box the live vectors
            for (int j = 0; j < bound; j++) {
                double x = u[base + j];
                double d = x - m;
                if (!(d >= NORMAL)) {
                    ex[j] = Exp.exp(d, ErrorFree.twoSumError(x, -m, d));
                }
            }
        }
        if (shifts != null && !shiftsNow) {
            // in place: last, when nothing reads u any more
            for (int j = 0; j < bound; j += LANES) {
                DoubleVector.fromArray(SPECIES, u, base + j).add(negM).intoArray(shifts, shiftOff + j);
            }
        }
    }

    @Override
    void scale(double[] x, int off, int n, DoubleDouble c) {
        if (n < SMALL) {
            super.scale(x, off, n, c);
            return;
        }
        int bound = SPECIES.loopBound(n);
        DoubleVector ch = DoubleVector.broadcast(SPECIES, c.hi);
        DoubleVector cl = DoubleVector.broadcast(SPECIES, c.lo);
        for (int i = 0; i < bound; i += LANES) {
            DoubleVector t = DoubleVector.fromArray(SPECIES, x, off + i);
            t.fma(ch, t.mul(cl)).intoArray(x, off + i);
        }
        super.scale(x, off + bound, n - bound, c);
    }

    @Override
    void scaleMinus(double[] x, int off, double[] p, int pOff, int n, DoubleDouble c) {
        if (n < SMALL) {
            super.scaleMinus(x, off, p, pOff, n, c);
            return;
        }
        int bound = SPECIES.loopBound(n);
        DoubleVector ch = DoubleVector.broadcast(SPECIES, c.hi);
        DoubleVector cl = DoubleVector.broadcast(SPECIES, c.lo);
        for (int i = 0; i < bound; i += LANES) {
            DoubleVector t = DoubleVector.fromArray(SPECIES, x, off + i);
            DoubleVector pj = DoubleVector.fromArray(SPECIES, p, pOff + i);
            ch.fma(t, t.mul(cl).sub(pj)).intoArray(x, off + i);
        }
        super.scaleMinus(x, off + bound, p, pOff + bound, n - bound, c);
    }

    @Override
    void add(double[] x, int off, int n, double c) {
        if (n < SMALL) {
            super.add(x, off, n, c);
            return;
        }
        int bound = SPECIES.loopBound(n);
        DoubleVector cv = DoubleVector.broadcast(SPECIES, c);
        for (int i = 0; i < bound; i += LANES) {
            DoubleVector.fromArray(SPECIES, x, off + i).add(cv).intoArray(x, off + i);
        }
        super.add(x, off + bound, n - bound, c);
    }

    /** The two vector passes one after the other: their loops are already as wide as the registers allow. */
    @Override
    boolean expSumAndGaps(double[] p, int pOff, double[] u, int uOff, int n, int k, double m, double[] grad,
            int gOff, Workspace w) {
        if (n < SMALL) {
            return super.expSumAndGaps(p, pOff, u, uOff, n, k, m, grad, gOff, w);
        }
        boolean finished = weightedGaps(p, pOff, u, uOff, n, m, 1.0, w) != null;
        expSum(u, uOff, n, k, m, grad, gOff, false, w);
        return finished;
    }

    @Override
    DoubleDouble weightedGaps(double[] p, int pOff, double[] u, int uOff, int n, double m, double scale, Workspace w) {
        if (n < SMALL) {
            return super.weightedGaps(p, pOff, u, uOff, n, m, scale, w);
        }
        int bound = SPECIES.loopBound(n);
        DoubleVector sm = DoubleVector.broadcast(SPECIES, m * scale);
        double negScale = -scale;
        DoubleVector hi = DoubleVector.zero(SPECIES);
        DoubleVector lo = DoubleVector.zero(SPECIES);
        DoubleVector wh = DoubleVector.zero(SPECIES);
        DoubleVector wl = DoubleVector.zero(SPECIES);
        for (int i = 0; i < bound; i += LANES) {
            DoubleVector pj = DoubleVector.fromArray(SPECIES, p, pOff + i);
            DoubleVector nx = DoubleVector.fromArray(SPECIES, u, uOff + i).mul(negScale);
            DoubleVector a = sm.add(nx);
            if (a.compare(VectorOperators.EQ, Double.POSITIVE_INFINITY).anyTrue()) {
                // a -inf logit or an overflowing gap: the scalar pass sorts out which
                return super.weightedGaps(p, pOff, u, uOff, n, m, scale, w);
            }
            DoubleVector ws = wh.add(pj);
            wl = wl.add(twoSumError(wh, pj, ws));
            wh = ws;
            // a zero weight gives exactly 0 here: every gap is finite
            DoubleVector ph = pj.mul(a);
            DoubleVector pl = pj.fma(a, ph.neg()).add(pj.mul(twoSumError(sm, nx, a)));
            DoubleVector h = hi.add(ph);
            lo = lo.add(twoSumError(hi, ph, h).add(pl));
            hi = h;
        }
        if (super.weightedGaps(p, pOff + bound, u, uOff + bound, n - bound, m, scale, w) == null) {
            return null;
        }
        reduce(wh, wl, w.weight, w.chunk);
        return reduce(hi, lo, w.gaps, w.chunk);
    }

    /** The constant {@code x} in every lane (a method this small is always inlined). */
    private static DoubleVector c(double x) {
        return DoubleVector.broadcast(SPECIES, x);
    }

    /** Lanewise TwoSum: {@code (a + b) - s} exactly, for {@code s = a + b}. */
    private static DoubleVector twoSumError(DoubleVector a, DoubleVector b, DoubleVector s) {
        DoubleVector bv = s.sub(a);
        return a.sub(s.sub(bv)).add(b.sub(bv));
    }

    /**
     * Sets {@code tail} to {@code sum(hi) + sum(lo) + tail} and returns it: the high lanes one by one with
     * TwoSum (their order costs no accuracy), the low lanes, already small, with a plain sum. Uses the first
     * {@code 2 * LANES} entries of {@code buffer}.
     */
    private static DoubleDouble reduce(DoubleVector hi, DoubleVector lo, DoubleDouble tail, double[] buffer) {
        // through memory: extracting lanes one at a time is slower than storing both vectors
        hi.intoArray(buffer, 0);
        lo.intoArray(buffer, LANES);
        double sh = tail.hi;
        double sl = tail.lo;
        for (int lane = 0; lane < LANES; lane++) {
            double v = buffer[lane];
            double t = sh + v;
            sl += ErrorFree.twoSumError(sh, v, t) + buffer[LANES + lane];
            sh = t;
        }
        return tail.set(sh, Double.isFinite(sh) ? sl : 0.0);
    }
}
