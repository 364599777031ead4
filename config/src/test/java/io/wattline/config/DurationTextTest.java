package io.wattline.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DurationTextTest {

    @ParameterizedTest
    @CsvSource(textBlock = """
            500ms, PT0.5S
            1s,    PT1S
            15s,   PT15S
            1m,    PT1M
            2h,    PT2H
            1.5s,
            10,
            1 s,
            -1s,
            99999999999999999999s,
            """)
    void parses(String text, String iso) {
        assertEquals(Optional.ofNullable(iso).map(Duration::parse), DurationText.parse(text));
    }

    @ParameterizedTest
    @CsvSource(textBlock = """
            PT0.5S, 500ms
            PT1S,   1s
            PT90S,  90s
            PT15M,  15m
            PT1H,   1h
            """)
    void formatsTheShortestSpellingThatReadsBack(String iso, String text) {
        assertEquals(text, DurationText.format(Duration.parse(iso)));
        assertEquals(Duration.parse(iso), DurationText.parse(text).orElseThrow());
    }
}
