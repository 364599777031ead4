package io.wattline.analytics.kpi;

import io.wattline.analytics.Plant;
import io.wattline.analytics.allocation.EnergyFactors;
import io.wattline.analytics.service.AccountingService;
import io.wattline.core.PointId;
import io.wattline.core.Quantity;
import io.wattline.core.Sample;
import io.wattline.core.catalogue.PointCatalogue;
import io.wattline.core.catalogue.PointSpec;
import io.wattline.core.plant.Area;
import io.wattline.core.plant.EnergyCarrier;
import io.wattline.core.plant.Equipment;
import io.wattline.core.plant.Meter;
import io.wattline.core.plant.ProductionLine;
import io.wattline.core.plant.Site;
import io.wattline.historian.Historian;
import io.wattline.historian.HistorianOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A small plant with hourly readings in a real DuckDB historian, from 2026-03-01 23:00 to
 * 2026-03-09 01:00 (Asia/Shanghai). Site s1; area a1 with lines l1 and l2 and the press1 equipment
 * on l2; area a2 with the compressor comp1 on no line. Per plant-local day d of Mar 2..8:
 * <ul>
 * <li>l1-power (line l1): {@link #L1_ENERGY}[d] kWh spread evenly over the hours, 10 kWh/h on other days;
 * <li>plc1.good_count (line l1): {@link #L1_PRODUCTION}[d] parts, even over the hours; the register
 *     wraps at 1000 (catalogued wrap span 1000), so it rolls over several times;
 * <li>l2-power (on l2 only through its equipment press1): 10 kWh/h, 240 kWh a day;
 * <li>comp-power (equipment in an area without a line): 3 kWh/h; main: Σ of the three + 5 kWh/h;
 * <li>temp.temperature: {@link #TEMPERATURE}[d] °C all day, 18 °C on other days.
 * </ul>
 * L1's energy on Mar 2..6 is exactly 50 + 2 × production; Mar 7 and 8 are 20 and 10 kWh above that.
 */
final class KpiFixture {

    static final double[] L1_PRODUCTION = {100, 200, 150, 300, 250, 200, 100};
    static final double[] L1_ENERGY = {250, 450, 350, 650, 550, 470, 260};
    /** Heating degree-days against 18 °C: 8, 6, 10, 3, 0, 13, 18. */
    static final double[] TEMPERATURE = {10, 12, 8, 15, 20, 5, 0};
    static final LocalDate FIRST_DAY = LocalDate.of(2026, 3, 2);

    final io.wattline.core.plant.Plant plant;
    final PointCatalogue catalogue;
    final Historian historian;
    final AccountingService accounting;

    private KpiFixture(io.wattline.core.plant.Plant plant, PointCatalogue catalogue, Historian historian) {
        this.plant = plant;
        this.catalogue = catalogue;
        this.historian = historian;
        this.accounting = AccountingService.of(catalogue, historian.reader(), null, EnergyFactors.gbt2589Defaults());
    }

    LineKpis kpis(ProductionLog log) {
        return new LineKpis(catalogue, accounting, historian.reader(), log);
    }

    static KpiFixture create(Path dir) {
        List<Meter> meters = List.of(
                meter("main", EnergyCarrier.ELECTRICITY, "a1", null, null, null),
                meter("l1-power", EnergyCarrier.ELECTRICITY, null, "l1", null, "main"),
                meter("comp-power", EnergyCarrier.ELECTRICITY, "a2", null, "comp1", "main"),
                meter("l2-power", EnergyCarrier.ELECTRICITY, null, null, "press1", "main"),
                meter("plc1", EnergyCarrier.NONE, null, "l1", null, null),
                meter("temp", EnergyCarrier.NONE, "a1", null, null, null));
        io.wattline.core.plant.Plant plant = new io.wattline.core.plant.Plant("KPI plant 指标工厂", Plant.ZONE,
                List.of(new Site("s1", "Site 厂区")),
                List.of(new Area("a1", "Workshop 车间", "s1"), new Area("a2", "Utilities 动力站", "s1")),
                List.of(new ProductionLine("l1", "Line 1 冲压线", "a1"), new ProductionLine("l2", "Line 2 焊接线", "a1")),
                List.of(new Equipment("press1", "Press 压力机", "a1", "l2"),
                        new Equipment("comp1", "Compressor 空压机", "a2", null)),
                List.of(), List.of(), meters, Plant.SHIFTS, null);
        Map<String, List<PointSpec>> points = new LinkedHashMap<>();
        for (String m : List.of("main", "l1-power", "comp-power", "l2-power")) {
            points.put(m, List.of(spec("active_power", Quantity.ACTIVE_POWER, 0, "modbus"),
                    spec("active_energy_import", Quantity.ACTIVE_ENERGY_IMPORT, 0, "modbus")));
        }
        points.put("plc1", List.of(spec("scrap_count", Quantity.PRODUCTION_COUNT, 0, "opcua"),
                spec("good_count", Quantity.PRODUCTION_COUNT, 1000, "opcua")));
        points.put("temp", List.of(spec("temperature", Quantity.TEMPERATURE, 0, "modbus")));
        PointCatalogue catalogue = PointCatalogue.build(plant, points);

        Historian historian = Historian.open(dir, HistorianOptions.defaults().withRawRetention(Duration.ofDays(36_500)),
                Optional.empty());
        double l1 = 1000;
        double l2 = 2000;
        double comp = 3000;
        double main = 100_000;
        double good = 0;
        Instant end = Plant.at("2026-03-09T01:00");
        for (Instant t = Plant.at("2026-03-01T23:00"); !t.isAfter(end); t = t.plus(Duration.ofHours(1))) {
            write(historian, "main", "active_energy_import", t, main);
            write(historian, "l1-power", "active_energy_import", t, l1);
            write(historian, "l2-power", "active_energy_import", t, l2);
            write(historian, "comp-power", "active_energy_import", t, comp);
            write(historian, "plc1", "good_count", t, good % 1000);
            int d = day(t);
            write(historian, "temp", "temperature", t, d >= 0 && d < TEMPERATURE.length ? TEMPERATURE[d] : 18);
            double l1Rate = d >= 0 && d < L1_ENERGY.length ? L1_ENERGY[d] / 24 : 10;
            l1 += l1Rate;
            l2 += 10;
            comp += 3;
            main += l1Rate + 10 + 3 + 5;
            good += d >= 0 && d < L1_PRODUCTION.length ? L1_PRODUCTION[d] / 24 : 0;
        }
        historian.writer().flush();
        historian.rollUpNow();
        return new KpiFixture(plant, catalogue, historian);
    }

    /** Day index of the hour starting at t: 0 for Mar 2. */
    private static int day(Instant t) {
        return (int) (t.atZone(Plant.ZONE).toLocalDate().toEpochDay() - FIRST_DAY.toEpochDay());
    }

    private static Meter meter(String id, EnergyCarrier carrier, String area, String line, String equipment,
            String parent) {
        return new Meter(id, id, "test/" + id, "gw", 1, carrier, area, line, equipment, null, parent, Map.of());
    }

    private static PointSpec spec(String name, Quantity quantity, double wrapSpan, String protocol) {
        return new PointSpec(name, null, quantity, null, wrapSpan, Duration.ofSeconds(15), protocol);
    }

    private static void write(Historian historian, String device, String point, Instant t, double value) {
        Sample s = Sample.good(new PointId(device, point), t, value);
        while (!historian.writer().offer(s)) {
            historian.writer().flush();
        }
    }
}
