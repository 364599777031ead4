package io.wattline.collector.opcua;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wattline.collector.opcua.UnitCheck.Decision;
import io.wattline.collector.opcua.UnitCheck.DeclaredUnit;
import io.wattline.core.Quantity;
import io.wattline.profiles.opcua.Deadband;
import io.wattline.profiles.opcua.OpcUaPoint;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A server's EngineeringUnits against the point's quantity: converted, refused, or left alone. */
class UnitCheckTest {

    /** Raw value in the server's unit (by UNECE code) → value in the quantity's canonical unit. */
    @ParameterizedTest(name = "{2} {1} -> {3} {0}")
    @CsvSource({
            "active_power,         WTT, 12345,   12.345",
            "active_power,         KWT, 12.5,    12.5",
            "active_power,         MAW, 1.5,     1500",
            "active_energy_import, WHR, 2500,    2.5",
            "active_energy_import, MWH, 1.5,     1500",
            "volume_flow,          G51, 2,       7.2",
            "volume_flow,          MQH, 7.2,     7.2",
            "temperature,          KEL, 300.15,  27",
            "temperature,          CEL, 21.5,    21.5",
            "temperature,          FAH, 212,     100",
            "pressure,             BAR, 1.5,     150",
            "relative_humidity,    P1,  55,      55",
            "power_factor,         C62, 0.95,    0.95",
            "power_factor,         P1,  95,      0.95",
            "production_count,     H87, 42,      42",
    })
    void convertsCompatibleUnits(String quantity, String code, double raw, double expected) {
        Decision d = UnitCheck.decide(point(quantity, 1, 0), Optional.of(unece(code)));
        assertFalse(d.refused(), d.refusal());
        assertEquals(expected, d.conversion().apply(raw), 1e-9);
    }

    @ParameterizedTest(name = "{1} on {0}")
    @CsvSource({
            "active_power,         KWH",
            "active_energy_import, KWT",
            "volume_flow,          MTQ",
            "temperature,          KPA",
            "voltage_l1_n,         AMP",
    })
    void refusesIncompatibleUnitsWithTheReason(String quantity, String code) {
        Decision d = UnitCheck.decide(point(quantity, 1, 0), Optional.of(unece(code)));
        assertTrue(d.refused());
        assertNull(d.conversion());
        assertTrue(d.refusal().startsWith("unit mismatch: the server declares "), d.refusal());
        assertTrue(d.refusal().contains(" is in " + Quantity.parse(quantity).unit() + ";"), d.refusal());
    }

    @Test
    void aProfileScaleThatAlreadyConvertsIsAcceptedAndOneThatContradictsIsRefused() {
        Decision agrees = UnitCheck.decide(point("active_power", 0.001, 0), Optional.of(unece("WTT")));
        assertFalse(agrees.refused());
        assertEquals(12.345, agrees.conversion().apply(12345), 1e-9);
        assertTrue(agrees.note().contains("by the profile's scale"), agrees.note());

        Decision contradicts = UnitCheck.decide(point("active_power", 0.001, 0), Optional.of(unece("KWT")));
        assertTrue(contradicts.refused());
        assertTrue(contradicts.refusal().contains("scale 1") && contradicts.refusal().contains("scale 0.001"),
                contradicts.refusal());
    }

    @Test
    void withoutADeclaredUnitOrAnUnknownOneTheProfileAppliesAsWritten() {
        Decision none = UnitCheck.decide(point("active_power", 0.001, 0), Optional.empty());
        assertEquals(12.345, none.conversion().apply(12345), 1e-9);
        assertEquals("", none.note());
        Decision unknown = UnitCheck.decide(point("active_power", 2, 0),
                Optional.of(new DeclaredUnit("urn:vendor:units", 7, "furlong")));
        assertEquals(20, unknown.conversion().apply(10), 1e-9);
        assertTrue(unknown.note().contains("not known"), unknown.note());
    }

    @Test
    void aDisplayNameServesWhenTheServerGivesNoUneceId() {
        Decision d = UnitCheck.decide(point("temperature", 1, 0), Optional.of(new DeclaredUnit("", -1, "K")));
        assertEquals(0, d.conversion().apply(273.15), 1e-9);
        Decision flow = UnitCheck.decide(point("volume_flow", 1, 0), Optional.of(new DeclaredUnit(null, -1, "m³/h")));
        assertTrue(flow.conversion().isIdentity());
    }

    @Test
    void checkServerUnitFalseTrustsTheProfile() {
        OpcUaPoint p = new OpcUaPoint("p", Quantity.ACTIVE_POWER, "kW", "ns=1;s=P", null, Duration.ofSeconds(1), 1,
                Deadband.NONE, 0.001, 0, false);
        Decision d = UnitCheck.decide(p, Optional.of(unece("KWH")));
        assertFalse(d.refused());
        assertEquals(0.001, d.conversion().scale(), 1e-12);
    }

    @Test
    void unitIdsAreTheUneceCodesPacked() {
        assertEquals(4937556, EngineeringUnit.unitId("KWT"));
        assertEquals(4408652, EngineeringUnit.unitId("CEL"));
        assertEquals(20529, EngineeringUnit.unitId("P1"));
        assertEquals(EngineeringUnit.all().size(),
                EngineeringUnit.all().stream().map(EngineeringUnit::code).distinct().count(), "codes are unique");
    }

    private static DeclaredUnit unece(String code) {
        return new DeclaredUnit(EngineeringUnit.UNECE_NAMESPACE, EngineeringUnit.unitId(code), code);
    }

    private static OpcUaPoint point(String quantity, double scale, double offset) {
        Quantity q = Quantity.parse(quantity);
        return new OpcUaPoint("p", q, q.unit(), "ns=1;s=P", null, Duration.ofSeconds(1), 1, Deadband.NONE, scale,
                offset);
    }
}
