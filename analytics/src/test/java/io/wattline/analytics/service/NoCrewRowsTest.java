package io.wattline.analytics.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.wattline.analytics.Plant;
import io.wattline.analytics.allocation.EnergyFactors;
import io.wattline.core.PointId;
import io.wattline.core.Quantity;
import io.wattline.core.Sample;
import io.wattline.core.plant.Area;
import io.wattline.core.plant.EnergyCarrier;
import io.wattline.core.plant.Meter;
import io.wattline.core.plant.Shift;
import io.wattline.core.plant.ShiftCalendar;
import io.wattline.core.plant.Site;
import io.wattline.historian.Historian;
import io.wattline.historian.HistorianOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A shift slot the rotation gives no crew ("-") has the crew {@code null} in every grouping: in
 * {@code group=shift} rows and in {@code group=crew}, where those slots form the group {@code -} named
 * "(no crew 无班组)" (never a crew called "-"). The exports print null as an empty cell.
 * Water meter rising 10 m3 an hour: the day shift 08-20 (crew A) is 120 m3, the night 20-08 (no crew) 120 m3.
 */
class NoCrewRowsTest {

    private static final PointId WATER = new PointId("water", "volume");

    @TempDir
    Path data;

    @Test
    void aSlotWithoutACrewHasNoCrewInEveryGrouping() {
        ShiftCalendar calendar = new ShiftCalendar(
                List.of(new Shift("day", "白班", LocalTime.of(8, 0), LocalTime.of(20, 0)),
                        new Shift("night", "夜班", LocalTime.of(20, 0), LocalTime.of(8, 0))),
                List.of("A"), LocalDate.of(2026, 1, 1), List.of(List.of("A", "-")));
        try (Historian historian = Historian.open(data, HistorianOptions.defaults().withRawRetention(
                Duration.ofDays(36_500)), Optional.empty())) {
            for (int h = -2; h <= 26; h++) {
                historian.writer().offer(Sample.good(WATER, Plant.at("2026-03-02T08:00").plus(Duration.ofHours(h)),
                        1000 + 10.0 * h));
            }
            historian.writer().flush();
            historian.rollUpNow();
            Meter meter = new Meter("water", "water", "x/y", "c", 1, EnergyCarrier.WATER, "u", null, null, null, null,
                    Map.of());
            io.wattline.core.plant.Plant plant = new io.wattline.core.plant.Plant("p", Plant.ZONE,
                    List.of(new Site("s", "厂")), List.of(new Area("u", "动力", "s")), List.of(), List.of(), List.of(),
                    List.of(), List.of(meter), calendar, Optional.empty());
            AccountingService service = new AccountingService(plant,
                    List.of(new MeteredPoint("water", WATER, Quantity.VOLUME, 0)), List.of(), historian.reader(), null,
                    EnergyFactors.gbt2589Defaults(), Map.of());

            ConsumptionReport shifts = service.report(new ConsumptionQuery("shift", Plant.at("2026-03-02T08:00"),
                    Plant.at("2026-03-03T08:00"), "day", null, ReadPath.RAW, false));
            assertEquals(2, shifts.rows().size());
            assertEquals("A", shifts.rows().get(0).crew());
            assertNull(shifts.rows().get(1).crew(), "the night has no crew");
            assertEquals(120, shifts.rows().get(1).value(), 1e-9);

            ConsumptionReport crews = service.report(new ConsumptionQuery("crew", Plant.at("2026-03-02T08:00"),
                    Plant.at("2026-03-03T08:00"), "day", null, ReadPath.RAW, false));
            // calendar days: the night 20-24 belongs to Mar 2, 00-08 to Mar 3
            List<ConsumptionReport.Row> none = crews.rows().stream().filter(r -> r.groupId().equals("-")).toList();
            assertEquals(2, none.size(), crews.rows().toString());
            for (ConsumptionReport.Row r : none) {
                assertNull(r.crew(), "the same null as in group=shift, not \"-\"");
                assertEquals(AccountingService.NO_CREW_NAME, r.groupName());
            }
            assertEquals(120, none.stream().mapToDouble(ConsumptionReport.Row::value).sum(), 1e-9);
            ConsumptionReport.Row a = crews.rows().stream().filter(r -> r.groupId().equals("A")).findFirst()
                    .orElseThrow();
            assertEquals("A", a.crew());
        }
    }
}
