package io.github.softmax4j.internal;

/**
 * {@code exp(x + e)} for a shift {@code x <= 0} and its rounding error {@code e}, within about 0.51 ulp:
 * more accurate than {@code Math.exp}'s 1-ulp specification, with the error term folded into the reduced
 * argument for free, and inlined into the loops instead of called.
 *
 * <p>Method (Tang's table-driven exponential): {@code x = (k / 128) log 2 + r} with {@code k} an integer and
 * {@code |r| <= log 2 / 256}; then {@code exp(x) = 2^(k >> 7) 2^((k & 127) / 128) exp(r)}, the middle factor
 * from a table of double-doubles and {@code exp(r) - 1} from its Taylor polynomial of degree 5 (truncation
 * below 2^-60). Only the final addition rounds at the result's scale.
 */
final class Exp {
    private Exp() {}

    private static final double N_OVER_LN2 = 184.6649652337873;
    /** log 2 / 128 split so that {@code k * LN2_N_HI} is exact for |k| < 2^24. */
    private static final double LN2_N_HI = 0.005415212333900854;
    private static final double LN2_N_LO = 1.4223718738313642e-11;
    private static final double C2 = 1.0 / 2;
    private static final double C3 = 1.0 / 6;
    private static final double C4 = 1.0 / 24;
    private static final double C5 = 1.0 / 120;
    /** The rest of log 2 / 128 beyond {@code LN2_N_HI + LN2_N_LO}, for {@link #exp(double, double, DoubleDouble)}. */
    private static final double LN2_N_LO2 = -3.1317625824376326e-28;
    private static final double C6 = 1.0 / 720;
    private static final double C7 = 1.0 / 5040;
    private static final double C8 = 1.0 / 40320;
    private static final double C9 = 1.0 / 362880;
    /** Below this, {@code exp} rounds to 0 (exp(-746) < Double.MIN_VALUE / 2). */
    private static final double UNDERFLOW = -746.0;

    /** {@code 2^(j / 128)} for j = 0..127, each as a pair (high, low): high correctly rounded, low the rest. */
    private static final double[] TABLE = {
        1.0, 0.0,
        1.0054299011128027, 9.499186535455032e-17,
        1.0108892860517005, -1.5234778603368577e-17,
        1.016378314910953, -5.77217007319966e-17,
        1.0218971486541166, 5.109225028973444e-17,
        1.0274459491187637, -4.9560741746453704e-17,
        1.0330248790212284, 7.600838874027088e-18,
        1.0386341019613787, 5.996273788852511e-17,
        1.0442737824274138, 8.551889705537965e-17,
        1.0499440858006872, 5.592937848127003e-17,
        1.0556451783605572, 1.759325738772092e-18,
        1.061377227289262, -1.1973537085365658e-17,
        1.0671404006768237, -7.899853966841582e-17,
        1.0729348675259756, -3.839668843358824e-18,
        1.0787607977571199, -6.656660436056593e-17,
        1.0846183622133092, 3.166152845816346e-17,
        1.0905077326652577, -3.046782079812471e-17,
        1.0964290818163769, -5.919933484449316e-17,
        1.102382583307841, 5.2660368715706944e-17,
        1.1083684117236787, -8.786813845180527e-17,
        1.1143867425958924, 1.0410278456845571e-16,
        1.1204377524096067, -6.201085906554179e-17,
        1.1265216186082418, 5.165856758795457e-17,
        1.1326385195987192, 3.237356166738e-17,
        1.1387886347566916, 8.912812676025408e-17,
        1.1449721444318042, 4.6412898921700107e-17,
        1.1511892299529827, 3.250710218863827e-17,
        1.1574400736337511, -9.1238712311344e-17,
        1.1637248587775775, 3.8292048369240935e-17,
        1.1700437696832502, -1.8477442017900047e-18,
        1.1763969916502812, 5.554203254218079e-17,
        1.182784710984341, 1.542975430079076e-17,
        1.189207115002721, 3.982015231465646e-17,
        1.1956643920398273, 4.6166036704814814e-17,
        1.202156731452703, 6.644981499252301e-17,
        1.2086843236265816, -4.746725945228984e-17,
        1.215247359980469, -7.712630692681488e-17,
        1.2218460329727576, -1.0611021211402691e-16,
        1.22848053610687, -1.89878163130253e-17,
        1.2351510639369334, -1.0755244344307841e-16,
        1.241857812073484, 4.658027591836937e-17,
        1.2486009771892048, -8.261810999021964e-17,
        1.255380757024691, -6.7113898212968784e-18,
        1.2621973503942507, -3.0844648874738465e-17,
        1.2690509571917332, 2.667932131342186e-18,
        1.275941778396392, 9.91543024421429e-17,
        1.2828700160787783, 1.713594918243561e-17,
        1.2898358734066657, 8.949257530897592e-17,
        1.2968395546510096, 2.5382502794888315e-17,
        1.3038812651919358, 8.647675598267871e-17,
        1.3109612115247644, -7.181536135519454e-17,
        1.318079601266064, -5.4579558271491535e-17,
        1.3252366431597413, -2.8587312100388614e-17,
        1.3324325470831615, -5.101586630916744e-17,
        1.339667524053303, 8.927282594831732e-17,
        1.3469417862329458, 3.224065101254679e-17,
        1.3542555469368927, 7.70094837980299e-17,
        1.3616090206382248, 1.533787661270668e-18,
        1.3690024229745905, 9.593797919118849e-17,
        1.3764359707545302, -6.898588935871801e-17,
        1.383909881963832, -6.770511658794786e-17,
        1.3914243757719262, -4.9061748652889893e-17,
        1.3989796725383112, -9.614213209051323e-17,
        1.4065759938190154, 7.034914812136422e-18,
        1.4142135623730951, -9.667293313452913e-17,
        1.4218926021691656, -1.6077828915890244e-17,
        1.42961333839197, -1.2031642489053655e-17,
        1.4373759974489824, -4.2040340164675566e-17,
        1.4451808069770467, -3.0237581349939873e-17,
        1.4530279958490526, -5.779948609396106e-17,
        1.460917794180647, -5.600377186075216e-17,
        1.4688504333369818, 8.465882756533628e-17,
        1.4768261459394993, -3.483994556892796e-17,
        1.4848451658727524, 1.0780086764407481e-16,
        1.4929077282912648, 1.4192920154284036e-17,
        1.5010140696264256, -6.413767275790235e-17,
        1.5091644275934228, -1.016455327754295e-16,
        1.5173590411982147, -4.308699472043341e-17,
        1.5255981507445384, -1.1024941712342561e-16,
        1.533881997840956, 8.875226844438446e-17,
        1.5422108254079407, 7.949834809697621e-17,
        1.550584877685, -1.4600706590689385e-17,
        1.559004400237837, 3.7812070533575275e-17,
        1.567469639965553, -1.0352061768849722e-16,
        1.5759808451078865, -1.0136916471278304e-17,
        1.5845382652524937, -1.9337717034585703e-17,
        1.593142151342267, -1.0094406542311964e-16,
        1.6017927556826934, -6.054917453527784e-17,
        1.6104903319492543, 2.4707192569797888e-17,
        1.6192351351948637, 2.0941334154229092e-17,
        1.6280274218573478, -6.712955084707084e-17,
        1.6368674497669644, 7.698325071319876e-17,
        1.645755478153965, -1.0125679913674773e-16,
        1.6546917676561943, 9.643294303196029e-17,
        1.6636765803267364, 5.8909926967131e-17,
        1.6727101796415966, -5.476715964599563e-17,
        1.681792830507429, 8.199010020581497e-17,
        1.6909247992693053, -9.66967147439488e-17,
        1.7001063537185235, -8.0237193703977e-18,
        1.709337763100463, -9.868779456632931e-17,
        1.718619298122478, -1.851380418263111e-17,
        1.7279512309618377, -1.0750981861204642e-16,
        1.7373338352737062, 3.164389299292957e-17,
        1.746767386199169, -1.0752290483507515e-16,
        1.7562521603732995, 2.960140695448873e-17,
        1.7657884359332727, 9.461315018083268e-17,
        1.7753764925265212, 6.429731796556572e-17,
        1.785016611318935, 1.5330400121031314e-17,
        1.7947090750031072, 1.8227458427912087e-17,
        1.804454167806624, -5.177222408793318e-17,
        1.8142521755003989, -9.969531538920349e-17,
        1.8241033854070534, -1.0159627862277083e-16,
        1.8340080864093424, 3.283107224245627e-17,
        1.843966568958626, -5.939742026949965e-17,
        1.8539791250833855, 9.761887490727594e-17,
        1.864046048397789, 6.540912680620572e-17,
        1.8741676341103, -6.122763413004143e-17,
        1.8843441790323345, -8.226593125533711e-17,
        1.8945759815869656, 3.4034035352165297e-17,
        1.9048633418176741, 6.533857514718279e-17,
        1.9152065613971474, -1.0619946056195963e-16,
        1.925605943636125, -9.914963769693741e-17,
        1.9360617934922943, 1.0332385960676326e-16,
        1.9465744175792332, 6.811022349533877e-17,
        1.9571441241754002, 8.960767791036668e-17,
        1.9677712232331759, -1.0314928011531132e-16,
        1.978456026387951, 4.0388753109278167e-17,
        1.9891988469672663, 8.2051326383692e-18,
    };

    /**
     * Returns {@code exp(x + e)}, for {@code x <= 1} and {@code |e| <= ulp(x)}: within about 0.51 ulp for a
     * normal result; a subnormal result is within 1 unit of {@code Double.MIN_VALUE}. Returns 0 for
     * {@code x < -746} and for {@code x = -inf} (whatever {@code e}), NaN for a NaN {@code x}.
     */
    static double exp(double x, double e) {
        // x == UNDERFLOW may go either way: the reduction below also gives 0 there
        if (!(x > UNDERFLOW)) {
            return x != x ? x : 0.0;
        }
        double kd = Math.rint(x * N_OVER_LN2);
        int k = (int) kd;
        // x - kd LN2_N_HI is exact (Sterbenz, or k == 0); the rest rounds far below an ulp of the result
        double r = (x - kd * LN2_N_HI) - kd * LN2_N_LO + e;
        int j = 2 * (k & 127);
        double th = TABLE[j];
        double tl = TABLE[j + 1];
        double p = Math.fma(r * r, Math.fma(Math.fma(Math.fma(C5, r, C4), r, C3), r, C2), r); // exp(r) - 1
        double m = th + Math.fma(th, p, tl); // 2^(j/128) exp(r), one rounding at the result's scale
        int scale = k >> 7;
        // scale == -1022 may go either way: the two-step scaling is exact too for a normal result
        if (scale >= -1022) {
            return m * Double.longBitsToDouble((long) (scale + 1023) << 52); // exact: a normal result
        }
        // a subnormal result: scale in two steps, the second rounding once
        return m * Double.longBitsToDouble((long) (scale + 1023 + 64) << 52) * 0x1p-64;
    }

    /**
     * Sets {@code out} to {@code exp(xh + xl)} as a double-double, to about 2^-80 relative error, for
     * {@code xh <= 0} and {@code |xl| <= ulp(xh)}, and returns it; 0 below the range of doubles, NaN for a NaN
     * {@code xh}. The reduced argument is carried as a double-double (log 2 / 128 in three parts), the
     * first two terms of {@code exp(r) - 1} exactly, the rest ({@code r^3 / 6 + ...}, below 2^-27) in double.
     */
    static DoubleDouble exp(double xh, double xl, DoubleDouble out) {
        // xh == UNDERFLOW may go either way: the reduction below also gives 0 there
        if (!(xh > UNDERFLOW)) {
            return out.set(xh != xh ? xh : 0.0, 0.0);
        }
        double kd = Math.rint(xh * N_OVER_LN2);
        int k = (int) kd;
        double a = xh - kd * LN2_N_HI; // exact, as in exp(x, e)
        double p = kd * LN2_N_LO;
        double pe = Math.fma(kd, LN2_N_LO, -p);
        double rh = a - p;
        double rl = ErrorFree.twoSumError(a, -p, rh) - pe + xl - kd * LN2_N_LO2;
        double r = rh + rl;
        double rlo = ErrorFree.fastTwoSumError(rh, rl, r);
        double sq = r * r;
        double sqe = Math.fma(r, r, -sq) + 2 * r * rlo;
        double q = Math.fma(Math.fma(Math.fma(Math.fma(Math.fma(Math.fma(C9, r, C8), r, C7), r, C6), r, C5), r, C4), r, C3);
        double half = 0.5 * sq;
        double h = r + half;
        double hl = ErrorFree.twoSumError(r, half, h) + (rlo + (0.5 * sqe + r * sq * q)); // exp(r) - 1 = h + hl
        int j = 2 * (k & 127);
        double th = TABLE[j];
        double tl = TABLE[j + 1];
        double ph = th * h;
        double pl = Math.fma(th, h, -ph) + (th * hl + tl * h + tl);
        double sh = th + ph;
        double sl = ErrorFree.twoSumError(th, ph, sh) + pl;
        int scale = k >> 7;
        return out.set(Math.scalb(sh, scale), Math.scalb(sl, scale));
    }

    /**
     * Returns the error of {@code t = exp(d)} as an approximation of {@code exp(d + e)}, to first order:
     * {@code exp(d + e) = t exp(rho)} with {@code rho = d + e - log(t)}, and {@code t rho} is returned, so that
     * {@code t + t rho} is within about 2^-57 relative of {@code exp(d + e)}; 0 when {@code t} is 0.
     * {@code log(t)} is a double-double, written to {@code scratch}.
     */
    static double correction(double t, double d, double e, DoubleDouble scratch) {
        if (!(t > 0)) {
            return 0.0;
        }
        DoubleDouble log = Logarithm.log(t, scratch);
        // d - log.hi is exact by Sterbenz: d and log(t) agree to about 2^-52 relative
        return t * ((d - log.hi) + (e - log.lo));
    }
}
