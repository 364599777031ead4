package io.wattline.historian.influx;

import com.influxdb.client.InfluxDBClient;
import com.influxdb.client.InfluxDBClientFactory;
import com.influxdb.client.InfluxDBClientOptions;
import com.influxdb.client.InfluxQLQueryApi;
import com.influxdb.client.domain.InfluxQLQuery;
import com.influxdb.query.InfluxQLQueryResult;
import io.wattline.core.PointId;
import io.wattline.core.Quality;
import io.wattline.core.Sample;
import io.wattline.historian.HistorianException;
import io.wattline.historian.RawArchive;
import io.wattline.historian.forward.LineProtocol;
import java.time.Instant;
import okhttp3.OkHttpClient;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * InfluxQL through {@code /query} with influxdb-client-java's {@link InfluxQLQueryApi}, in CSV mode
 * (its JSON mode throws on null values, which every sparse field produces), with epoch microsecond
 * times. Also the {@link RawArchive} that serves raw samples older than the local retention.
 */
public final class InfluxQueries implements RawArchive, AutoCloseable {

    private final InfluxOptions options;
    private final InfluxDBClient client;
    private final InfluxQLQueryApi api;

    public InfluxQueries(InfluxOptions options) {
        this.options = options;
        InfluxDBClientOptions.Builder builder = InfluxDBClientOptions.builder().url(options.url().toString())
                .bucket(options.database()).org("-");
        if (!options.token().isEmpty()) {
            builder.authenticateToken(options.token().toCharArray());
        } else if (!options.username().isEmpty()) {
            // Basic authentication, which every v1 API accepts. The library's own v1 mode sends
            // "Token user:password", which InfluxDB 1.x before 1.8 answers with 401.
            String basic = InfluxLineWriter.authorization(options);
            builder.okHttpClient(new OkHttpClient.Builder().addInterceptor(chain -> chain.proceed(
                    chain.request().newBuilder().header("Authorization", basic).build())));
        }
        this.client = InfluxDBClientFactory.create(builder.build());
        this.api = client.getInfluxQLQueryApi();
    }

    /**
     * Runs {@code influxql} against the configured database and returns each series' rows as maps
     * column name to raw text (null for a null), with {@code time} in epoch microseconds; tags of
     * grouped series appear as columns too.
     */
    public List<Map<String, String>> rows(String influxql) {
        InfluxQLQuery query = new InfluxQLQuery(influxql, options.database(), InfluxQLQuery.AcceptHeader.CSV)
                .setPrecision(InfluxQLQuery.InfluxQLPrecision.MICROSECONDS);
        if (!options.retentionPolicy().isEmpty()) {
            query.setRetentionPolicy(options.retentionPolicy());
        }
        InfluxQLQueryResult result;
        try {
            result = api.queryCSV(query);
        } catch (RuntimeException e) {
            throw new HistorianException("InfluxQL query on " + options.describe() + " failed: " + e
                    + " (query: " + influxql + ")", e);
        }
        List<Map<String, String>> rows = new ArrayList<>();
        if (result == null) {
            return rows;
        }
        for (InfluxQLQueryResult.Result r : result.getResults()) {
            for (InfluxQLQueryResult.Series series : r.getSeries()) {
                for (InfluxQLQueryResult.Series.Record record : series.getValues()) {
                    Map<String, String> row = new LinkedHashMap<>(series.getTags());
                    series.getColumns().forEach((column, index) -> {
                        Object value = record.getValues()[index];
                        row.put(column, value == null || value.toString().isEmpty() ? null : value.toString());
                    });
                    rows.add(row);
                }
            }
        }
        return rows;
    }

    @Override
    public List<Sample> range(PointId point, Instant from, Instant to, int limit) {
        return samples(point, "time >= " + micros(from) + "u AND time < " + micros(to) + "u ORDER BY time ASC LIMIT "
                + limit);
    }

    /** The newest sample of {@code point} at this site (none or one). */
    public List<Sample> last(PointId point) {
        return samples(point, "time >= 0 ORDER BY time DESC LIMIT 1");
    }

    private List<Sample> samples(PointId point, String timeAndOrder) {
        String field = point.point();
        String influxql = "SELECT \"" + field + "\", \"" + field + "_q\" FROM \"" + options.measurement()
                + "\" WHERE \"site\" = '" + quote(options.site()) + "' AND \"device\" = '" + quote(point.device())
                + "' AND \"" + field + "_q\" >= 0 AND " + timeAndOrder;
        List<Sample> samples = new ArrayList<>();
        for (Map<String, String> row : rows(influxql)) {
            Instant time = Instant.EPOCH.plusNanos(Long.parseLong(row.get("time")) * 1_000L);
            String q = row.get(field + "_q");
            Quality quality = LineProtocol.quality(q == null ? 2 : Long.parseLong(q));
            String v = row.get(field);
            double value = v == null ? Double.NaN : Double.parseDouble(v);
            if (quality == Quality.GOOD && Double.isNaN(value)) {
                quality = Quality.BAD;
            }
            samples.add(new Sample(point, time, value, quality, quality == Quality.BAD ? "from InfluxDB" : ""));
        }
        return samples;
    }

    private static long micros(Instant time) {
        return Math.addExact(Math.multiplyExact(time.getEpochSecond(), 1_000_000L), time.getNano() / 1_000);
    }

    private static String quote(String text) {
        return text.replace("\\", "\\\\").replace("'", "\\'");
    }

    @Override
    public void close() {
        client.close();
    }
}
