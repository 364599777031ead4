package io.wattline.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class LoadModelsTest {

    private static LoadModels parse(String yaml) {
        return LoadModels.parse("test.yaml", new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void demoLoadModelsParse() {
        LoadModels demo = LoadModels.fromResource(LoadModels.DEMO_RESOURCE);
        assertEquals(12, demo.meters().size());
        assertTrue(demo.patterns().containsKey("production"));
        assertEquals(0.0, demo.fixedPoints().get("simex/trs-02a").get("temperature_offset"));
    }

    @Test
    void unknownFieldIsNamedWithItsLine() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> parse("""
                seed: 1
                meters:
                  m1:
                    kind: electricity
                    idle: 1
                    ful: 2
                """));
        assertTrue(e.getMessage().startsWith("test.yaml"), e.getMessage());
        assertTrue(e.getMessage().contains("meters.m1.ful") && e.getMessage().startsWith("test.yaml:6 "), e.getMessage());
    }

    @Test
    void unknownPatternAndKindAreNamed() {
        IllegalArgumentException pattern = assertThrows(IllegalArgumentException.class, () -> parse("""
                meters:
                  m1: { kind: electricity, pattern: nightshift, idle: 1, full: 2 }
                """));
        assertTrue(pattern.getMessage().contains("meters.m1.pattern 'nightshift'"), pattern.getMessage());
        IllegalArgumentException kind = assertThrows(IllegalArgumentException.class, () -> parse("""
                meters:
                  m1: { kind: gas, idle: 1, full: 2 }
                """));
        assertTrue(kind.getMessage().contains("meters.m1.kind 'gas'"), kind.getMessage());
    }

    @Test
    void badBreakTimeIsNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> parse("""
                patterns:
                  p: { breaks: [ { start: "12h", end: "12:30", level: 0.1 } ] }
                """));
        assertTrue(e.getMessage().contains("patterns.p.breaks"), e.getMessage());
    }
}
