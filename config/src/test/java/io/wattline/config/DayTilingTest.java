package io.wattline.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DayTilingTest {

    /** Windows as "start-end" separated by spaces; faults as "from-to:owners" ("-" = none). */
    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(textBlock = """
            06:00-14:00 14:00-22:00 22:00-06:00, -
            00:00-00:00,                         -
            22:00-22:00,                         -
            00:00-12:00 12:00-00:00,             -
            06:00-14:00 14:00-22:00 23:00-06:00, 22:00-23:00:
            06:00-14:00 13:00-22:00 22:00-06:00, 13:00-14:00:0+1
            06:00-18:00 20:00-04:00,             04:00-06:00: 18:00-20:00:
            23:00-01:00,                         01:00-23:00:
            00:00-00:00 12:00-13:00,             12:00-13:00:0+1
            """)
    void findsGapsAndOverlapsAroundTheClock(String windows, String expected) {
        List<DayTiling.Window> list = new ArrayList<>();
        String[] parts = windows.trim().split(" ");
        for (int i = 0; i < parts.length; i++) {
            String[] se = parts[i].split("-");
            list.add(new DayTiling.Window(i, LocalTime.parse(se[0]), LocalTime.parse(se[1])));
        }
        List<String> faults = DayTiling.faults(list).stream()
                .map(f -> f.from() + "-" + f.to() + ":" + String.join("+",
                        f.owners().stream().map(String::valueOf).toList()))
                .toList();
        assertEquals(expected.equals("-") ? "" : expected, String.join(" ", faults));
    }
}
