package io.github.softmax4j;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;

/** Assertions against exact values written out as decimals (computed to 40 digits from the formula). */
final class Exact {
    private Exact() {}

    /** Asserts that {@code actual} is within {@code ulps} ulps of the exact decimal {@code exact}. */
    static void assertUlps(double actual, String exact, double ulps) {
        BigDecimal e = new BigDecimal(exact);
        double error = Oracle.ulps(actual, e);
        assertThat(error).as("%s against the exact %s", actual, exact).isLessThanOrEqualTo(ulps);
    }
}
