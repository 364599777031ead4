package io.wattline.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DurationWordsTest {

    @ParameterizedTest(name = "{0} ms = {1}")
    @CsvSource(delimiter = '|', textBlock = """
            0        | 0 ms
            250      | 250 ms
            1000     | 1 s
            1500     | 1.5 s
            1549     | 1.5 s
            9960     | 10 s
            15000    | 15 s
            60000    | 1 min
            150000   | 2 min 30 s
            3600000  | 1 h
            3900000  | 1 h 5 min
            -2000    | -2 s
            """)
    void durationsReadAsPeopleSayThem(long millis, String words) {
        assertEquals(words, DurationWords.format(Duration.ofMillis(millis)));
    }
}
