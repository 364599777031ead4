package io.wattline.web.fleet;

import io.wattline.core.PointId;
import io.wattline.core.Sample;
import io.wattline.historian.influx.InfluxOptions;
import io.wattline.historian.SeriesReader;
import io.wattline.historian.influx.InfluxQueries;
import io.wattline.historian.influx.InfluxSeriesReader;
import java.util.Collection;
import io.wattline.web.historian.HistorianProperties;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A central node's history of every site: the InfluxDB every edge forwards to (the site is a tag),
 * configured like an edge's forwarder ({@code wattline.historian.influx.*}). One reader per site.
 */
public final class SiteHistory implements AutoCloseable {

    private final HistorianProperties.Influx influx;
    private final Map<String, InfluxQueries> readers = new ConcurrentHashMap<>();

    public SiteHistory(HistorianProperties.Influx influx) {
        this.influx = influx;
    }

    public boolean configured() {
        return influx != null && influx.configured();
    }

    /** Samples of a site's point, {@code from <= time < to}, earliest first, at most {@code limit}. */
    public List<Sample> range(String site, PointId point, Instant from, Instant to, int limit) {
        if (!configured()) {
            throw new IllegalStateException("no InfluxDB configured on this central node"
                    + " (wattline.historian.influx.url, see docs/fleet.md)");
        }
        return queries(site).range(point, from, to, limit);
    }

    /**
     * The history of {@code site} as the analytics read it: raw samples and rollups folded like the
     * edge's local store ({@link InfluxSeriesReader}); {@code points} are the plant's points.
     */
    public SeriesReader reader(String site, Collection<PointId> points) {
        return new InfluxSeriesReader(queries(site), points);
    }

    /** The InfluxQL queries of {@code site} (one client per site, closed with this). */
    public InfluxQueries queries(String site) {
        if (!configured()) {
            throw new IllegalStateException("no InfluxDB configured on this central node: set"
                    + " wattline.historian.influx.url (see docs/fleet.md) (中心节点未配置 InfluxDB)");
        }
        return readers.computeIfAbsent(site, this::reader);
    }

    private InfluxQueries reader(String site) {
        InfluxOptions options = new InfluxOptions(influx.url(), influx.database(), influx.retentionPolicy(),
                influx.username(), influx.password(), influx.token(), influx.measurement(), site, false);
        return new InfluxQueries(options);
    }

    @Override
    public void close() {
        readers.values().forEach(InfluxQueries::close);
    }
}
