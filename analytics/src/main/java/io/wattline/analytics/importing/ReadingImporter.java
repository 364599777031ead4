package io.wattline.analytics.importing;

import io.wattline.core.PointId;
import io.wattline.core.Quantity;
import io.wattline.core.Sample;
import io.wattline.historian.SampleWriter;
import io.wattline.historian.SeriesReader;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Imports hand-read or back-filled counter readings from CSV ({@code meter,point,time,value}) into
 * the historian through {@link SampleWriter}, as GOOD samples exactly like polled ones. Every row is
 * checked; a reading the store already holds (same point, instant and value) is skipped, so importing
 * a file twice changes nothing.
 */
public final class ReadingImporter {

    private static final Logger log = LoggerFactory.getLogger(ReadingImporter.class);
    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd[ ]['T']HH:mm[:ss][.SSS]");

    private final Function<PointId, Optional<Quantity>> quantities;
    private final SeriesReader reader;
    private final SampleWriter writer;
    private final ZoneId zone;
    private final Clock clock;

    /**
     * @param quantities the quantity of every configured point (from the plant's meters and their
     *     profiles); empty for an unknown meter or point
     * @param zone the plant's zone, for times written without an offset
     */
    public ReadingImporter(Function<PointId, Optional<Quantity>> quantities, SeriesReader reader, SampleWriter writer,
            ZoneId zone, Clock clock) {
        this.quantities = quantities;
        this.reader = reader;
        this.writer = writer;
        this.zone = zone;
        this.clock = clock;
    }

    /** Reads, checks and writes {@code csv}; {@code source} names it in messages (a file name). */
    public ImportResult importCsv(String source, Reader csv) throws IOException {
        List<ImportResult.Rejection> rejected = new ArrayList<>();
        Map<String, Double> inFile = new HashMap<>();
        List<Sample> accepted = new ArrayList<>();
        int rows = 0;
        int already = 0;
        Instant now = clock.instant();
        try (BufferedReader in = new BufferedReader(csv)) {
            String line;
            int number = 0;
            while ((line = in.readLine()) != null) {
                number++;
                if (number == 1 && line.startsWith("\uFEFF")) {
                    line = line.substring(1);
                }
                String trimmed = line.strip();
                if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                    continue;
                }
                if (number == 1 && trimmed.toLowerCase(java.util.Locale.ROOT).replace(" ", "")
                        .equals("meter,point,time,value")) {
                    continue;
                }
                rows++;
                String[] f = trimmed.split(",", -1);
                if (f.length != 4) {
                    rejected.add(new ImportResult.Rejection(number, "expected 4 columns meter,point,time,value, found "
                            + f.length));
                    continue;
                }
                String meter = f[0].strip();
                String pointName = f[1].strip();
                if (!PointId.isValidDeviceId(meter) || !PointId.isValidPointName(pointName)) {
                    rejected.add(new ImportResult.Rejection(number, "meter '" + meter + "' / point '" + pointName
                            + "' is not a valid point id"));
                    continue;
                }
                PointId point = new PointId(meter, pointName);
                Optional<Quantity> quantity = quantities.apply(point);
                if (quantity.isEmpty()) {
                    rejected.add(new ImportResult.Rejection(number, "unknown point " + point
                            + ": no configured meter has it"));
                    continue;
                }
                if (!quantity.get().isCounter()) {
                    rejected.add(new ImportResult.Rejection(number, "point " + point + " is " + quantity.get()
                            + ", not a counter: only counter readings can be imported"));
                    continue;
                }
                Instant time;
                try {
                    time = parseTime(f[2].strip());
                } catch (DateTimeParseException e) {
                    rejected.add(new ImportResult.Rejection(number, "time '" + f[2].strip()
                            + "': expected ISO time with offset (2026-03-02T08:00:00+08:00) or plant-local "
                            + "'2026-03-02 08:00[:00]'"));
                    continue;
                }
                double value;
                try {
                    value = Double.parseDouble(f[3].strip());
                } catch (NumberFormatException e) {
                    rejected.add(new ImportResult.Rejection(number, "value '" + f[3].strip() + "' is not a number"));
                    continue;
                }
                if (!Double.isFinite(value)) {
                    rejected.add(new ImportResult.Rejection(number, "value '" + f[3].strip() + "' is not finite"));
                    continue;
                }
                if (time.isAfter(now)) {
                    rejected.add(new ImportResult.Rejection(number, "time " + time + " is in the future (now " + now
                            + ")"));
                    continue;
                }
                String key = point + "@" + time;
                Double earlier = inFile.get(key);
                if (earlier != null) {
                    if (earlier == value) {
                        already++;
                    } else {
                        rejected.add(new ImportResult.Rejection(number, "another row of this file gives " + point
                                + " at " + time + " the value " + earlier));
                    }
                    continue;
                }
                Optional<Sample> stored = storedAt(point, time);
                if (stored.isPresent()) {
                    if (stored.get().value() == value) {
                        already++;
                    } else {
                        rejected.add(new ImportResult.Rejection(number, "the store already holds " + point + " at "
                                + time + " with the value " + stored.get().value()));
                    }
                    inFile.put(key, value);
                    continue;
                }
                inFile.put(key, value);
                accepted.add(Sample.good(point, time.truncatedTo(ChronoUnit.MICROS), value));
            }
        }
        int written = 0;
        for (Sample s : accepted) {
            if (!writer.offer(s)) {
                writer.flush();
                if (!writer.offer(s)) {
                    throw new IOException(source + ": the historian refused a sample (queue full) after "
                            + written + " of " + accepted.size() + " were written; import again to add the rest");
                }
            }
            written++;
        }
        writer.flush();
        log.info("import {}: {} rows, {} written, {} already stored, {} rejected", source, rows, written, already,
                rejected.size());
        return new ImportResult(source, rows, written, already, rejected);
    }

    private Optional<Sample> storedAt(PointId point, Instant time) {
        // the store keeps microseconds: look at exactly that microsecond
        Instant t = time.truncatedTo(ChronoUnit.MICROS);
        return reader.range(point, t, t.plusNanos(1000), 16).stream().filter(s -> s.isGood()).findFirst();
    }

    Instant parseTime(String text) {
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            if (text.endsWith("Z")) {
                return Instant.parse(text);
            }
            return LocalDateTime.parse(text, LOCAL).atZone(zone).toInstant();
        }
    }
}
