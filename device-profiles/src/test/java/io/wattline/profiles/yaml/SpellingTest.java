package io.wattline.profiles.yaml;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SpellingTest {

    private static final List<String> FIELDS = List.of("id", "name", "profile", "connection", "unitId",
            "carrier", "area", "line", "equipment", "costCentre", "parent", "poll");

    @ParameterizedTest
    @CsvSource(textBlock = """
            unitID,      unitId
            carier,      carrier
            conection,   connection
            costCenter,  costCentre
            prent,       parent
            pol,         poll
            lien,        line
            serial,
            xy,
            """)
    void suggestsOnlyPlausibleTypos(String typed, String expected) {
        assertEquals(Optional.ofNullable(expected), Spelling.closest(typed, FIELDS));
    }
}
