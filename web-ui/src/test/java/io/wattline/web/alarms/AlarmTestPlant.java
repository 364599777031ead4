package io.wattline.web.alarms;

import io.wattline.collector.live.SampleBus;
import io.wattline.core.PointId;
import io.wattline.core.Quantity;
import io.wattline.core.alarm.AlarmRuleSettings;
import io.wattline.core.alarm.AlarmSettings;
import io.wattline.core.alarm.RuleBasics;
import io.wattline.core.catalogue.PointCatalogue;
import io.wattline.core.catalogue.PointSpec;
import io.wattline.core.energy.EnergyFigures;
import io.wattline.core.plant.Area;
import io.wattline.core.plant.EnergyCarrier;
import io.wattline.core.plant.Meter;
import io.wattline.core.plant.Plant;
import io.wattline.core.plant.ProductionLine;
import io.wattline.core.plant.Site;
import io.wattline.web.WattlineProperties;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

/**
 * A plant of two meters for the alarm API tests: line 1's meter (power high above 100 kW, priority
 * high) and the incomer; communication loss of both is critical.
 */
public final class AlarmTestPlant {

    public static final PointId LINE1_POWER = PointId.parse("m1.active_power");
    static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

    private AlarmTestPlant() {
    }

    public static Plant plant() {
        Meter m1 = new Meter("m1", "Line 1 meter 1号线电表", "x/y", "c1", 1, EnergyCarrier.ELECTRICITY, "a1", "line1",
                null, null, "m2", Map.of());
        Meter m2 = new Meter("m2", "Incomer 进线", "x/y", "c1", 2, EnergyCarrier.ELECTRICITY, "a1", null, null, null,
                null, Map.of());
        return new Plant("alarm api", ZONE, List.of(new Site("site1", "Site 1")), List.of(new Area("a1", "Hall", "site1")),
                List.of(new ProductionLine("line1", "Line 1 冲压线", "a1")), List.of(), List.of(), List.of(),
                List.of(m1, m2), null, null).withAlarms(new AlarmSettings(List.of(
                        new AlarmRuleSettings.Limit(new RuleBasics("power", "Line power 线路功率", "high", null, null,
                                null), List.of(LINE1_POWER.toString()), null, 100.0, null, null, 5, Map.of(), true),
                        new AlarmRuleSettings.CommunicationLoss(new RuleBasics("comm", null, "critical", null, null,
                                null), List.of())), List.of(), List.of(), Duration.ofHours(2)));
    }

    public static PointCatalogue catalogue() {
        PointSpec power = new PointSpec("active_power", null, Quantity.ACTIVE_POWER, "kW", 0, Duration.ofSeconds(1),
                "modbus");
        return PointCatalogue.build(plant(), Map.of("m1", List.of(power), "m2", List.of(power)));
    }

    public static RunningAlarms start(Path data, SampleBus bus) {
        return AlarmWiring.start(catalogue(), EnergyFigures.none(), new WattlineProperties(data, null, false, List.of()),
                Clock.systemUTC(), bus, List.of(), name -> null);
    }
}
