package io.wattline.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wattline.core.plant.Connection;
import io.wattline.core.plant.ConnectionType;
import io.wattline.core.plant.EnergyCarrier;
import io.wattline.core.plant.Meter;
import io.wattline.core.plant.Plant;
import io.wattline.core.tariff.TariffBand;
import io.wattline.core.tariff.TouTariff;
import io.wattline.profiles.yaml.ValidationError;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PlantConfigLoaderTest {

    private final PlantConfigLoader loader = TestProfiles.loader();

    @Test
    void smallPlantMapsToCoreRecordsWithDefaults() throws ConfigException {
        Plant plant = loader.loadResource("config/valid-small.yaml");

        assertEquals("Small plant", plant.name());
        assertEquals(ZoneId.of("Europe/Berlin"), plant.zone());
        assertEquals(List.of("a1", "a2"), plant.areas().stream().map(a -> a.id()).toList());

        Connection tcp = plant.connection("tcp").orElseThrow();
        assertEquals(ConnectionType.MODBUS_TCP, tcp.type());
        assertEquals(502, tcp.port(), "default Modbus TCP port");
        assertEquals(Duration.ofSeconds(1), tcp.timeout(), "default timeout");
        Connection bus = plant.connection("bus").orElseThrow();
        assertEquals("/dev/ttyUSB0", bus.serialDevice());
        assertEquals("E", bus.parity());
        assertEquals(1, bus.stopBits(), "default stop bits");

        Meter main = plant.meter("main").orElseThrow();
        assertEquals(Map.of("fast", Duration.ofSeconds(1), "slow", Duration.ofSeconds(15)), main.pollGroups());
        Meter sub = plant.meter("sub").orElseThrow();
        assertEquals("a1", sub.areaId(), "area taken from line l1");
        assertEquals("main", sub.parentMeterId());
        assertEquals("sub", sub.name(), "name defaults to the id");
        Meter temp = plant.meter("temp").orElseThrow();
        assertEquals("a2", temp.areaId(), "area taken from equipment e1");
        assertEquals(EnergyCarrier.NONE, temp.carrier());

        TouTariff tariff = plant.tariff().orElseThrow();
        assertEquals(TariffBand.VALLEY, tariff.bandAt(LocalDateTime.of(2026, 1, 5, 23, 0)));
        assertEquals(TariffBand.PEAK, tariff.bandAt(LocalDateTime.of(2026, 7, 5, 6, 0)));
        assertEquals(0.12, tariff.price(TariffBand.VALLEY));
        assertEquals("EUR", tariff.currency());
    }

    @Test
    void anchorsAndMergeKeysShareSettingsAndErrorsStillPointAtTheLine() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> loader.loadResource("config/valid-with-anchors.yaml"));
        assertEquals(1, e.errors().size(), e::getMessage);
        assertEquals(23, e.errors().get(0).line());
        assertEquals("meters[2].colour", e.errors().get(0).field());
    }

    @Test
    void mergedSettingsAreMapped() throws ConfigException {
        String text = new String(readResource("config/valid-with-anchors.yaml"), java.nio.charset.StandardCharsets.UTF_8)
                .replace("    colour: red\n", "");
        Plant plant = loader.parse("anchors.yaml", text);
        assertEquals(List.of("m1", "m2", "m3"), plant.meters().stream().map(Meter::id).toList());
        Meter m1 = plant.meter("m1").orElseThrow();
        assertEquals("test/power", m1.profile());
        assertEquals(Map.of("fast", Duration.ofSeconds(2), "slow", Duration.ofMinutes(1)), m1.pollGroups());
        assertEquals(Map.of("fast", Duration.ofMillis(500)), plant.meter("m2").orElseThrow().pollGroups());
        assertEquals(3, plant.meter("m3").orElseThrow().unitId());
    }

    private static byte[] readResource(String name) {
        try (var in = PlantConfigLoaderTest.class.getClassLoader().getResourceAsStream(name)) {
            return in.readAllBytes();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /**
     * The acceptance case of issue 2: a misspelt field, a wrong type and an unknown profile give
     * exactly these three errors, each on its own line. (The misspelt unitId is not reported as
     * missing as well.)
     */
    @Test
    void misspeltFieldWrongTypeAndUnknownProfileGiveExactlyThreeErrors() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> loader.loadResource("config/three-errors.yaml"));
        List<ValidationError> errors = e.errors();
        assertEquals(3, errors.size(), e::getMessage);

        assertEquals(new ValidationError("config/three-errors.yaml", 21, 5, "connections[0].port",
                "expected integer, got string \"five-oh-two\""), errors.get(0));
        assertEquals(25, errors.get(1).line());
        assertEquals("meters[0].profile", errors.get(1).field());
        assertEquals("unknown profile 'test/powr' (known profiles: test/power, test/temperature);"
                + " did you mean 'test/power'?", errors.get(1).message());
        assertEquals(27, errors.get(2).line());
        assertEquals("meters[0].unitID", errors.get(2).field());
        assertTrue(errors.get(2).message().startsWith("unknown field 'unitID' (expected one of: id, name,"
                + " profile, connection, unitId,"), errors.get(2)::message);
        assertTrue(errors.get(2).message().endsWith("did you mean 'unitId'?"), errors.get(2)::message);
        assertTrue(e.getMessage().contains("config/three-errors.yaml:27:5: meters[0].unitID: unknown field"),
                e::getMessage);
    }

    @Test
    void aMeterOnAnOpcUaConnectionWithAKnownOpcUaProfileLoads() throws ConfigException {
        Plant plant = loader.loadResource("config/valid-opcua-meter.yaml");

        Meter plc = plant.meter("line_plc").orElseThrow();
        assertEquals("test/line-plc", plc.profile());
        assertEquals(ConnectionType.OPC_UA, plant.connection(plc.connectionId()).orElseThrow().type());
    }

    /** Each fixture under config/invalid/ is valid-small.yaml with one change, named by the file. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            duplicate-meter-id        | 42 | meters[2].id           | duplicate id 'sub' (also used on line 34)
            unknown-connection        | 36 | meters[1].connection   | unknown connection 'bsu' (expected one of: tcp, bus); did you mean 'bus'?
            unknown-line-area         | 12 | lines[0].area          | unknown area 'a3' (expected one of: a1, a2)
            unknown-area-site         | 10 | areas[1].site          | unknown site 's2' (expected one of: s1)
            unknown-cost-centre       | 40 | meters[1].costCentre   | unknown cost centre 'cc2' (expected one of: cc1); did you mean 'cc1'?
            unknown-parent            | 41 | meters[1].parent       | unknown meter 'mian' (expected one of: main, sub, temp); did you mean 'main'?
            unknown-equipment         | 47 | meters[2].equipment    | unknown equipment 'e2' (expected one of: e1)
            equipment-in-other-area   | 47 | meters[2].equipment    | equipment 'e1' is in area 'a2', not in area 'a1'
            unknown-profile           | 35 | meters[1].profile      | unknown profile 'test/powr' (known profiles: test/power, test/temperature); did you mean 'test/power'?
            unknown-poll-group        | 33 | meters[0].poll.slwo    | unknown poll group 'slwo' for profile test/power (expected one of: fast, slow); did you mean 'slow'?
            unit-id-reserved-on-serial | 37 | meters[1].unitId      | expected a unit id from 1 to 247 on a modbus-rtu connection (0 is broadcast, 248-255 are reserved), got 248
            unit-id-twice-on-bus      | 45 | meters[2].unitId       | unit id 2 is already used on connection 'bus' by meter 'sub' (line 37)
            unit-id-missing           | 42 | meters[2].unitId       | missing required field 'unitId' (connection 'bus' is modbus-rtu)
            unknown-time-zone         | 5  | plant.timeZone         | unknown time zone 'Europe/Berln' (expected an IANA zone like Asia/Shanghai or Europe/Berlin); did you mean 'Europe/Berlin'?
            shifts-gap                | 49 | shifts.definitions     | no shift covers 19:00–20:00 (shifts must tile the 24 hours exactly)
            shifts-overlap            | 51 | shifts.definitions[1]  | shifts 'day' and 'night' overlap at 18:00–19:00 (shifts must tile the 24 hours exactly)
            rotation-row-too-short    | 57 | shifts.rotation.pattern[1] | expected 2 crews (one per shift: day, night), got 1
            rotation-unknown-crew     | 57 | shifts.rotation.pattern[1][1] | unknown crew 'green' (expected one of: red, blue, or - for no crew)
            rotation-epoch-not-a-date | 54 | shifts.rotation.epoch  | expected a real date YYYY-MM-DD, got "2026-02-30" (Invalid date 'FEBRUARY 30')
            tariff-gap                | 69 | tariff.seasons[0].periods | no period covers 05:00–06:00 (periods must tile the 24 hours exactly)
            tariff-overlap            | 71 | tariff.seasons[0].periods[1] | periods[0] and periods[1] overlap at 22:00–23:00 (periods must tile the 24 hours exactly)
            parent-loop               | 33 | meters[0].parent       | parent chain loops: main → sub → main
            serial-field-on-tcp       | 21 | connections[0].baudRate | field 'baudRate' does not apply to a modbus-tcp connection
            concurrency-on-serial-bus | 26 | connections[1].concurrency | expected 1 on a modbus-rtu connection (an RS-485 bus carries one request at a time), got 2
            sub-meter-other-carrier   | 41 | meters[1].parent       | parent meter 'main' measures electricity, this meter water (a sub-meter measures the same carrier)
            opcua-unknown-profile     | 49 | meters[3].profile      | unknown OPC UA profile 'test/oven-plx' (known OPC UA profiles: test/oven-plc, test/line-plc, test/press); did you mean 'test/oven-plc'?
            opcua-meter-with-modbus-profile | 49 | meters[3].profile | unknown OPC UA profile 'test/temperature' (known OPC UA profiles: test/press, test/line-plc, test/oven-plc); 'test/temperature' is a Modbus profile, but connection 'plc' is opc-ua
            modbus-meter-with-opcua-profile | 36 | meters[1].profile | unknown profile 'test/press' (known profiles: test/power, test/temperature); 'test/press' is an OPC UA profile, but connection 'bus' is not opc-ua
            """)
    void eachRuleHasAFailingFixture(String fixture, int line, String field, String message) {
        String resource = "config/invalid/" + fixture + ".yaml";
        ConfigException e = assertThrows(ConfigException.class, () -> loader.loadResource(resource));
        assertEquals(List.of(new ValidationError(resource, line, e.errors().get(0).column(), field, message)),
                e.errors(), e::getMessage);
    }
}
