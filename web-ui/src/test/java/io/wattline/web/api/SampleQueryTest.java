package io.wattline.web.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SampleQueryTest {

    private static final Instant NOW = Instant.parse("2026-11-25T08:00:00Z");

    @Test
    void defaultsToTheLastHourAndTenThousandSamples() {
        SampleQuery q = SampleQuery.parse(null, "", null, NOW);
        assertEquals(Instant.parse("2026-11-25T07:00:00Z"), q.from());
        assertEquals(NOW, q.to());
        assertEquals(10_000, q.limit());
    }

    @Test
    void fromDefaultsToOneHourBeforeAGivenTo() {
        SampleQuery q = SampleQuery.parse(null, "2026-11-24T12:00:00Z", "5", NOW);
        assertEquals(Instant.parse("2026-11-24T11:00:00Z"), q.from());
        assertEquals(5, q.limit());
    }

    @ParameterizedTest(name = "from={0} to={1} limit={2} -> {3}")
    @CsvSource({
            "yesterday,            ,                     , from",
            "2026-11-25T07:00:00,  ,                     , from",
            ",                     2026-13-01T00:00:00Z, , to",
            "2026-11-25T09:00:00Z, 2026-11-25T08:30:00Z, , from",
            ",                     ,                     0, limit",
            ",                     ,                     100001, limit",
            ",                     ,                     ten, limit",
    })
    void namesTheBadParameter(String from, String to, String limit, String parameter) {
        InvalidParameterException e = assertThrows(InvalidParameterException.class,
                () -> SampleQuery.parse(from, to, limit, NOW));
        assertEquals(parameter, e.parameter());
    }
}
