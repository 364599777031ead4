package io.wattline.alarms;

import io.wattline.alarms.journal.FileAlarmJournal;
import io.wattline.alarms.rule.AlarmRule;
import io.wattline.alarms.rule.RuleContext;
import io.wattline.alarms.rule.RuleFactory;
import io.wattline.core.PointId;
import io.wattline.core.Quantity;
import io.wattline.core.Sample;
import io.wattline.core.alarm.AlarmRuleSettings;
import io.wattline.core.alarm.LineStopSignal;
import io.wattline.core.alarm.RuleBasics;
import io.wattline.core.catalogue.PointCatalogue;
import io.wattline.core.catalogue.PointSpec;
import io.wattline.core.energy.EnergyFigures;
import io.wattline.core.plant.Area;
import io.wattline.core.plant.CostCentre;
import io.wattline.core.plant.EnergyCarrier;
import io.wattline.core.plant.Meter;
import io.wattline.core.plant.Plant;
import io.wattline.core.plant.ProductionLine;
import io.wattline.core.plant.Shift;
import io.wattline.core.plant.ShiftCalendar;
import io.wattline.core.plant.Site;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

/**
 * The small plant the alarm tests run on (Asia/Shanghai): a main meter with two line sub-meters
 * and line 1's PLC state; a day shift 08:00–20:00 and a night shift 20:00–08:00, crew A by day and
 * crew B by night on even days of the rotation, nobody at night on odd days.
 */
public final class TestPlant {

    public static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    public static final LocalDate MONDAY = LocalDate.of(2026, 3, 2);
    public static final PointId MAIN_POWER = PointId.parse("main.active_power");
    public static final PointId MAIN_ENERGY = PointId.parse("main.active_energy_import");
    public static final PointId LINE1_POWER = PointId.parse("line1-m.active_power");
    public static final PointId LINE1_TEMP = PointId.parse("line1-m.temperature");
    public static final PointId LINE2_POWER = PointId.parse("line2-m.active_power");
    public static final PointId LINE1_STATE = PointId.parse("plc1.line_state");

    private TestPlant() {
    }

    /** An instant of plant-local time on the Monday of the tests (day 0) or a later day. */
    public static Instant at(int day, int hour, int minute) {
        return LocalDateTime.of(MONDAY.plusDays(day), LocalTime.of(hour, minute)).atZone(ZONE).toInstant();
    }

    public static Plant plant() {
        ShiftCalendar calendar = new ShiftCalendar(List.of(
                new Shift("day", "Day 白班", LocalTime.of(8, 0), LocalTime.of(20, 0)),
                new Shift("night", "Night 夜班", LocalTime.of(20, 0), LocalTime.of(8, 0))),
                List.of("A", "B"), MONDAY, List.of(List.of("A", "B"), List.of("A", "-")));
        return new Plant("alarm test", ZONE, List.of(new Site("s", "Site")), List.of(new Area("a", "Hall", "s")),
                List.of(new ProductionLine("line1", "Line 1 冲压线", "a"), new ProductionLine("line2", "Line 2", "a")),
                List.of(), List.of(new CostCentre("cc1", "Utilities 动力部")), List.of(), List.of(
                        meter("main", "Main 总进线", null, null, EnergyCarrier.ELECTRICITY),
                        meter("line1-m", "Line 1 meter", "line1", "main", EnergyCarrier.ELECTRICITY),
                        meter("line2-m", "Line 2 meter", "line2", "main", EnergyCarrier.ELECTRICITY),
                        meter("plc1", "Line 1 PLC", "line1", null, EnergyCarrier.NONE)),
                calendar, null);
    }

    private static Meter meter(String id, String name, String line, String parent, EnergyCarrier carrier) {
        return new Meter(id, name, "x/y", "c1", 1, carrier, "a", line, null, null, parent, Map.of());
    }

    public static PointCatalogue catalogue() {
        return PointCatalogue.build(plant(), Map.of(
                "main", List.of(power(), energy()),
                "line1-m", List.of(power(), energy(), new PointSpec("temperature", "Oil temperature",
                        Quantity.TEMPERATURE, "degC", 0, Duration.ofSeconds(1), "modbus")),
                "line2-m", List.of(power(), energy()),
                "plc1", List.of(new PointSpec("line_state", "Line state", Quantity.STATUS, "", 0,
                        Duration.ofSeconds(1), "opcua"))));
    }

    private static PointSpec power() {
        return new PointSpec("active_power", "Active power", Quantity.ACTIVE_POWER, "kW", 0, Duration.ofSeconds(1),
                "modbus");
    }

    private static PointSpec energy() {
        return new PointSpec("active_energy_import", "Energy", Quantity.ACTIVE_ENERGY_IMPORT, "kWh", 100_000,
                Duration.ofSeconds(1), "modbus");
    }

    public static RuleBasics basics(String id, String priority) {
        return new RuleBasics(id, null, priority, null, null, null);
    }

    public static RuleBasics basics(String id, String priority, Duration onDelay, Duration offDelay) {
        return new RuleBasics(id, null, priority, onDelay, offDelay, null);
    }

    public static RuleContext context(EnergyFigures figures) {
        return new RuleContext(catalogue(), figures);
    }

    public static AlarmRule rule(AlarmRuleSettings settings) {
        return RuleFactory.create(settings, context(EnergyFigures.none()));
    }

    /** A processor over a journal in {@code dir}, line 1 stopped while its PLC says 0. */
    public static AlarmProcessor processor(Path dir, Clock clock, AlarmRule... rules) {
        return new AlarmProcessor(List.of(rules), List.of(new LineStopSignal("line1", LINE1_STATE.toString(),
                List.of(0.0), null)), FileAlarmJournal.open(dir), ZONE, clock, Duration.ofHours(8));
    }

    public static Sample sample(PointId point, Instant time, double value) {
        return Sample.good(point, time, value);
    }
}
