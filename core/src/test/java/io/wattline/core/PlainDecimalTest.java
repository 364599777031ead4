package io.wattline.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PlainDecimalTest {

    @ParameterizedTest
    @CsvSource({"0,0", "1234.5,1234.5", "-3,-3", "+3,3", ".5,0.5", "5.,5", "1.2e3,1200", "1.2E-3,0.0012",
            "7e+2,700", "-0.0,-0.0", "1e308,1e308", "000012.50,12.5"})
    void acceptsPlainDecimals(String text, double expected) {
        assertEquals(expected, PlainDecimal.parse(text));
        assertTrue(PlainDecimal.isValid(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"0x1p3", "0X10", "1d", "1D", "2f", "3F", "NaN", "Infinity", "-Infinity", "1,5",
            "1 000", " 1", "1 ", "1.2.3", ".", "-", "+", "e3", "1e", "1e+", "1e3.5", "1_000", "١٢٣", "1e309",
            "-1e400", "--1", "1..2", "12a"})
    void rejectsEverythingElseNamingTheText(String text) {
        PlainDecimal.InvalidDecimalException e = assertThrows(PlainDecimal.InvalidDecimalException.class,
                () -> PlainDecimal.parse(text));
        assertTrue(e.getMessage().contains("'" + text + "'"), e.getMessage());
        assertFalse(PlainDecimal.isValid(text));
    }

    @Test
    void rejectsEmptyAndOverlongText() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> PlainDecimal.parse("")).getMessage()
                .contains("empty"));
        String longText = "1".repeat(PlainDecimal.MAX_LENGTH + 1);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> PlainDecimal.parse(longText)).getMessage()
                .contains("too long"));
        assertEquals(1e63, PlainDecimal.parse("1" + "0".repeat(63)), 1e48);
    }

    @Test
    void isTheSameInEveryLocale() {
        Locale before = Locale.getDefault();
        try {
            Locale.setDefault(Locale.GERMANY);
            assertEquals(1234.5, PlainDecimal.parse("1234.5"));
            assertFalse(PlainDecimal.isValid("1234,5"));
        } finally {
            Locale.setDefault(before);
        }
    }

    @Test
    void namesTheOffendingCharacter() {
        String message = assertThrows(IllegalArgumentException.class, () -> PlainDecimal.parse("12x4")).getMessage();
        assertTrue(message.contains("'x' at position 3"), message);
    }
}
