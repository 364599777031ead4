package io.wattline.historian.forward;

import io.wattline.core.Quality;
import io.wattline.core.Sample;
import io.wattline.historian.StoredSample;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Encodes samples as InfluxDB line protocol with microsecond timestamps ({@code precision=u}):
 * one line per device and sample time, tags {@code site} and {@code device}, for each point a float
 * field {@code <point>} (absent when the value is not a number, as for BAD samples) and an integer
 * field {@code <point>_q} (0 GOOD, 1 UNCERTAIN, 2 BAD). See docs/influxdb.md.
 */
public final class LineProtocol {

    private final String measurement;
    private final String siteTag;

    public LineProtocol(String measurement, String site) {
        this.measurement = escapeMeasurement(Objects.requireNonNull(measurement, "measurement"));
        this.siteTag = escapeKey(Objects.requireNonNull(site, "site"));
    }

    /** Lines for {@code samples}, in the order each (device, time) first appears. */
    public List<String> encode(List<StoredSample> samples) {
        Map<LineKey, StringBuilder> lines = new LinkedHashMap<>();
        for (StoredSample stored : samples) {
            Sample sample = stored.sample();
            long micros = micros(sample.time());
            StringBuilder fields = lines.computeIfAbsent(new LineKey(sample.point().device(), micros),
                    k -> new StringBuilder(96));
            if (fields.length() > 0) {
                fields.append(',');
            }
            String field = escapeKey(sample.point().point());
            if (Double.isFinite(sample.value())) {
                fields.append(field).append('=').append(sample.value()).append(',');
            }
            fields.append(field).append("_q=").append(qualityCode(sample.quality())).append('i');
        }
        List<String> out = new ArrayList<>(lines.size());
        lines.forEach((key, fields) -> out.add(measurement + ",device=" + escapeKey(key.device()) + ",site=" + siteTag
                + ' ' + fields + ' ' + key.micros()));
        return out;
    }

    /** 0 GOOD, 1 UNCERTAIN, 2 BAD: Grafana filters good data with {@code WHERE "<point>_q" = 0}. */
    public static int qualityCode(Quality quality) {
        return switch (quality) {
            case GOOD -> 0;
            case UNCERTAIN -> 1;
            case BAD -> 2;
        };
    }

    public static Quality quality(long code) {
        return code == 0 ? Quality.GOOD : code == 1 ? Quality.UNCERTAIN : Quality.BAD;
    }

    /** Epoch microseconds, the {@code precision=u} timestamps of the lines. */
    public static long micros(Instant time) {
        return Math.addExact(Math.multiplyExact(time.getEpochSecond(), 1_000_000L), time.getNano() / 1_000);
    }

    // Tag keys, tag values and field keys escape comma, equals sign and space.
    static String escapeKey(String text) {
        return text.replace("\\", "\\\\").replace(",", "\\,").replace("=", "\\=").replace(" ", "\\ ");
    }

    static String escapeMeasurement(String text) {
        return text.replace("\\", "\\\\").replace(",", "\\,").replace(" ", "\\ ");
    }

    private record LineKey(String device, long micros) {
    }
}
