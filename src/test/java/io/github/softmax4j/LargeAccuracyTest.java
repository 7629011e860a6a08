package io.github.softmax4j;

import io.github.softmax4j.Cases.Case;
import io.github.softmax4j.Cases.Regime;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link AccuracyTest}'s checks at K = 100,000: a few cases, each a few seconds of BigDecimal work. Tagged
 * {@code heavy} ({@code -DexcludedGroups=heavy} leaves them out) and left out of mutation testing.
 */
@Tag("heavy")
class LargeAccuracyTest {

    static Stream<Arguments> largeCases() {
        return Stream.of(Regime.ORDINARY, Regime.CONFIDENT, Regime.WIDE, Regime.MASKED, Regime.CANCELLING)
                .map(regime -> Arguments.of(Cases.of(7, regime, 100_000, 100_000)));
    }

    @ParameterizedTest
    @MethodSource("largeCases")
    void everyFunctionMeetsItsUlpBoundForLargeK(Case c) {
        AccuracyTest.checkAll(c);
    }
}
