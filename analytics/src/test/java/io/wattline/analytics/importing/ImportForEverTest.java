package io.wattline.analytics.importing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wattline.analytics.service.CounterSource;
import io.wattline.analytics.service.MeteredPoint;
import io.wattline.core.PointId;
import io.wattline.core.Quantity;
import io.wattline.core.audit.AuditEntry;
import io.wattline.historian.Historian;
import io.wattline.historian.HistorianOptions;
import io.wattline.historian.Resolution;
import io.wattline.historian.forward.ForwarderOptions;
import java.io.StringReader;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 14's proof of "idempotent for ever": import, let raw retention (shortened to one day) remove
 * the raw samples, import the same file again (nothing written), a changed value (rejected naming
 * both values), then the same change with replace (accepted, audited, the day's figure recomputed).
 */
@Timeout(120)
class ImportForEverTest {

    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    private static final PointId ENERGY = PointId.parse("line1-power.active_energy_import");
    private static final MeteredPoint METER = new MeteredPoint("line1-power", ENERGY, Quantity.ACTIVE_ENERGY_IMPORT, 0);
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-20T00:00:00Z"), ZoneOffset.UTC);
    // 2026-03-02 plant-local, hourly from 00:00 to 24:00: 1000, 1010, ... 1240 (10 kWh an hour)
    private static final Instant DAY = Instant.parse("2026-03-01T16:00:00Z");

    @TempDir
    Path data;

    private static String day(double lastValue) {
        StringBuilder csv = new StringBuilder("meter,point,time,value\n");
        for (int h = 0; h <= 24; h++) {
            double value = h == 24 ? lastValue : 1000 + 10 * h;
            csv.append("line1-power,\"active_energy_import\",").append(DAY.plus(Duration.ofHours(h))).append(',')
                    .append(value).append('\n');
        }
        return csv.toString();
    }

    private static double dayConsumption(Historian historian) {
        CounterSource source = new CounterSource(historian.reader(), Duration.ofMinutes(90), Duration.ofDays(35));
        return source.read(METER, DAY, DAY.plus(Duration.ofDays(1)), Resolution.ONE_HOUR, List.of())
                .consumption(DAY, DAY.plus(Duration.ofDays(1))).value();
    }

    @Test
    void importsOnceForEverAndChangesOnlyThroughAnAuditedReplacement() throws Exception {
        List<AuditEntry> audit = new ArrayList<>();
        HistorianOptions oneDay = HistorianOptions.defaults().withRawRetention(Duration.ofDays(1));
        try (Historian historian = Historian.open(data, oneDay, Optional.empty(), ForwarderOptions.defaults(), CLOCK)) {
            ReadingImporter importer = new ReadingImporter(p -> p.equals(ENERGY) ? Optional.of(Quantity.ACTIVE_ENERGY_IMPORT)
                    : Optional.empty(), historian.readings(), historian.writer(), audit::add, SHANGHAI, CLOCK);
            ImportRequest engineer = new ImportRequest(true, "li.gong", "console");
            ImportRequest operator = ImportRequest.addOnly("wang.op", "console");

            ImportResult first = importer.importCsv("march.csv", new StringReader(day(1240)), operator, p -> { });
            assertEquals(25, first.written());
            historian.rollUpNow();
            assertEquals(240.0, dayConsumption(historian), 1e-9);

            assertEquals(25, historian.applyRetentionNow(), "every raw sample is older than the one-day retention");
            assertEquals(0, historian.reader().range(ENERGY, DAY, DAY.plus(Duration.ofDays(2)), 100).size());
            long committed = historian.store().stats().committed();

            ImportResult again = importer.importCsv("march.csv", new StringReader(day(1240)), operator, p -> { });
            assertEquals(0, again.written(), again.toString());
            assertEquals(25, again.alreadyStored());
            assertEquals(committed, historian.store().stats().committed(), "nothing written the second time");

            ImportResult changed = importer.importCsv("march-fix.csv", new StringReader(day(1250)), operator, p -> { });
            assertEquals(1, changed.rejectedRows());
            String reason = changed.rejected().get(0).reason();
            assertEquals(26, changed.rejected().get(0).line());
            assertTrue(reason.contains("with the value 1240.0") && reason.contains("this row gives 1250.0"), reason);
            assertEquals(240.0, dayConsumption(historian), 1e-9, "a closed day does not change without --replace");
            assertTrue(audit.isEmpty());

            ImportResult replaced = importer.importCsv("march-fix.csv", new StringReader(day(1250)), engineer, p -> { });
            assertEquals(1, replaced.replaced(), replaced.toString());
            assertEquals(24, replaced.alreadyStored());
            assertEquals(250.0, dayConsumption(historian), 1e-9, "the rollups under the day are recomputed");
            assertEquals(1, audit.size());
            AuditEntry entry = audit.get(0);
            assertEquals("li.gong", entry.actor());
            assertEquals("readings.replace", entry.action());
            assertEquals("line1-power.active_energy_import@2026-03-02T16:00:00Z", entry.target());
            assertTrue(entry.detail().contains("march-fix.csv:26: 1240.0 -> 1250.0"), entry.detail());

            ImportResult afterFix = importer.importCsv("march-fix.csv", new StringReader(day(1250)), operator, p -> { });
            assertEquals(25, afterFix.alreadyStored(), "the replacement is what the store holds now");
        }
    }

    @Test
    void replacingWithoutAnAuditTrailIsRefusedBeforeAnythingIsRead() {
        try (Historian historian = Historian.open(data, HistorianOptions.defaults(), Optional.empty(),
                ForwarderOptions.defaults(), CLOCK)) {
            ReadingImporter importer = new ReadingImporter(p -> Optional.of(Quantity.ACTIVE_ENERGY_IMPORT),
                    historian.readings(), historian.writer(), null, SHANGHAI, CLOCK);
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> importer.importCsv("x.csv",
                    new StringReader(day(1240)), new ImportRequest(true, "someone", "console"), p -> { }));
            assertTrue(e.getMessage().contains("audit"), e.getMessage());
            assertEquals(0, historian.readings().recorded());
        }
    }
}
