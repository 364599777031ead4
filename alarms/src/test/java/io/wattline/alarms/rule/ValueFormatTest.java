package io.wattline.alarms.rule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ValueFormatTest {

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource({"512.4, 512", "99.96, 100", "12.549, 12.5", "12.0, 12", "0.955, 0.96", "-0.001, 0", "-3.5, -3.5",
            "100000.4, 100000"})
    void numbers(double value, String text) {
        assertEquals(text, ValueFormat.number(value));
    }

    @Test
    void unitsAndTemplates() {
        assertEquals("m³/h", ValueFormat.unit("m3/h"));
        assertEquals("°C", ValueFormat.unit("degC"));
        assertEquals("1号线 512 kW -", new MessageTemplate("{line} {value} {unit} {limit}")
                .render(Map.of("line", "1号线", "value", "512", "unit", "kW")));
        assertThrows(IllegalArgumentException.class, () -> new MessageTemplate("{valeu} kW"));
        assertThrows(IllegalArgumentException.class, () -> new MessageTemplate("{value kW"));
    }
}
