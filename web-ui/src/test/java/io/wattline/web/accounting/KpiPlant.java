package io.wattline.web.accounting;

import io.wattline.config.PlantConfigLoader;
import io.wattline.core.PointId;
import io.wattline.core.Sample;
import io.wattline.core.plant.Plant;
import io.wattline.historian.Historian;
import io.wattline.historian.HistorianOptions;
import io.wattline.profiles.ProfileCatalog;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Optional;

/**
 * The fixture plant {@code accounting/kpi-plant.yaml} with hourly counter readings from
 * 2026-03-01 23:00 to 2026-03-09 01:00 (Asia/Shanghai) in a real historian. Per plant-local day:
 * <ul>
 * <li>sub2 (line l2): {@link #SUB2_DAILY} kWh, spread evenly over the day's hours (10 kWh/h outside Mar 2..8);
 * <li>sub1 (line l1): 5 kWh/h; the old meter reads 1000 at Mar 1 23:00 (1005 at Mar 2 00:00, 1060 at
 *     11:00) and is replaced at 12:00 (oldFinal 1062, newInitial 5); the new one reads 5 at 12:00,
 *     +5/h, 65 at Mar 3 00:00. Mar 2 = (1062 − 1005) + (65 − 5) = 57 + 60 = 117 kWh; later days 120;
 * <li>main: 100 000 at the start, + (5 + sub2's rate + 40) kWh/h: Mar 2 = 120 + 250 + 960 = 1330;
 * <li>l1-plc.good_count: 0 at the start, +10/h: 240 per day;
 * <li>outdoor-temp.temperature: {@link #DAILY_TEMPERATURE} all day on Mar 2..8 (18 °C outside).
 * </ul>
 */
final class KpiPlant {

    static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    /** Line 2's energy on Mar 2..8: 50 + 2 × production for Mar 2..6 (production 100, 200, 150, 300, 250), then 470 and 260. */
    static final double[] SUB2_DAILY = {250, 450, 350, 650, 550, 470, 260};
    /** Outdoor temperature (°C) on Mar 2..8: heating degree-days against 18 °C are 8, 6, 10, 3, 0, 13, 18. */
    static final double[] DAILY_TEMPERATURE = {10, 12, 8, 15, 20, 5, 0};
    /** Line 2's production entered by hand for Mar 2..8. */
    static final double[] L2_PRODUCTION = {100, 200, 150, 300, 250, 200, 100};

    final Plant plant;
    final ProfileCatalog catalog;
    final Historian historian;

    private KpiPlant(Plant plant, ProfileCatalog catalog, Historian historian) {
        this.plant = plant;
        this.catalog = catalog;
        this.historian = historian;
    }

    static KpiPlant create(Path dataDir) throws Exception {
        ProfileCatalog catalog = ProfileCatalog.builtIn();
        Plant plant = new PlantConfigLoader(catalog::find).loadResource("accounting/kpi-plant.yaml");
        Historian historian = Historian.open(dataDir, HistorianOptions.defaults()
                .withRawRetention(Duration.ofDays(36_500)), Optional.empty());
        Instant start = LocalDate.of(2026, 3, 1).atTime(23, 0).atZone(ZONE).toInstant();
        Instant replaced = LocalDate.of(2026, 3, 2).atTime(12, 0).atZone(ZONE).toInstant();
        double main = 100_000;
        double sub2 = 500;
        double good = 0;
        for (int k = 0; k <= 7 * 24 + 2; k++) {
            Instant t = start.plus(Duration.ofHours(k));
            double sub1 = t.isBefore(replaced) ? 1000 + 5 * k : 5 + 5 * (k - 13);
            write(historian, "main", "active_energy_import", t, main);
            write(historian, "sub1", "active_energy_import", t, sub1);
            write(historian, "sub2", "active_energy_import", t, sub2);
            write(historian, "l1-plc", "good_count", t, good);
            write(historian, "outdoor-temp", "temperature", t, temperature(t));
            double sub2Rate = sub2Rate(t);
            main += 5 + sub2Rate + 40;
            sub2 += sub2Rate;
            good += 10;
        }
        historian.writer().flush();
        historian.rollUpNow();
        return new KpiPlant(plant, catalog, historian);
    }

    private static double temperature(Instant t) {
        int day = (int) (t.atZone(ZONE).toLocalDate().toEpochDay() - LocalDate.of(2026, 3, 2).toEpochDay());
        return day >= 0 && day < DAILY_TEMPERATURE.length ? DAILY_TEMPERATURE[day] : 18;
    }

    /** kWh in the hour starting at t. */
    private static double sub2Rate(Instant t) {
        int day = (int) (t.atZone(ZONE).toLocalDate().toEpochDay() - LocalDate.of(2026, 3, 2).toEpochDay());
        return day >= 0 && day < SUB2_DAILY.length ? SUB2_DAILY[day] / 24 : 10;
    }

    private static void write(Historian historian, String device, String point, Instant t, double value) {
        Sample s = Sample.good(new PointId(device, point), t, value);
        while (!historian.writer().offer(s)) {
            historian.writer().flush();
        }
    }
}
