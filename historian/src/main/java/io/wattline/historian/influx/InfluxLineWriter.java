package io.wattline.historian.influx;

import io.wattline.historian.forward.LineBatch;
import io.wattline.historian.forward.LineWriter;
import io.wattline.historian.forward.LinesRejectedException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.zip.GZIPOutputStream;

/**
 * Posts line protocol to the v1 {@code /write?db=&rp=&precision=u} endpoint, gzip-compressed, and
 * waits for the answer. Plain {@link HttpClient} rather than influxdb-client-java: the library's
 * writes go to {@code /api/v2/write} (404 on InfluxDB 1.x, including its {@code createV1}
 * clients), and its asynchronous WriteApi reports failures only to a listener and drops the batch,
 * while the forwarder needs each request's outcome (2xx, 4xx with the server's reason, 5xx or
 * network error) before it moves its watermark.
 */
public final class InfluxLineWriter implements LineWriter {

    private final InfluxOptions options;
    private final HttpClient http;
    private final URI writeUri;
    private final String authorization;
    private final Duration timeout;

    public InfluxLineWriter(InfluxOptions options, Duration timeout) {
        this.options = options;
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).version(HttpClient.Version.HTTP_1_1)
                .build();
        String base = options.url().toString().replaceAll("/+$", "");
        this.writeUri = URI.create(base + "/write?db=" + encode(options.database())
                + (options.retentionPolicy().isEmpty() ? "" : "&rp=" + encode(options.retentionPolicy()))
                + "&precision=u");
        this.authorization = authorization(options);
    }

    static String authorization(InfluxOptions options) {
        if (!options.token().isEmpty()) {
            return "Token " + options.token();
        }
        if (!options.username().isEmpty()) {
            return "Basic " + Base64.getEncoder().encodeToString(
                    (options.username() + ":" + options.password()).getBytes(StandardCharsets.UTF_8));
        }
        return null;
    }

    @Override
    public LineBatch prepare(List<String> lines) throws IOException {
        return new LineBatch(lines, gzip(lines));
    }

    @Override
    public void write(LineBatch batch) throws IOException, LinesRejectedException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(writeUri)
                .timeout(timeout)
                .header("Content-Type", "text/plain; charset=utf-8")
                .header("Content-Encoding", "gzip")
                .POST(HttpRequest.BodyPublishers.ofByteArray(batch.body()));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        int status = response.statusCode();
        if (status / 100 == 2) {
            return;
        }
        String body = response.body() == null ? "" : response.body().strip();
        if (status / 100 == 4) {
            throw new LinesRejectedException(status, body);
        }
        throw new IOException("HTTP " + status + " from " + options.describe() + ": " + body);
    }

    /** The lines joined by newlines and gzip-compressed, as sent. */
    public static byte[] gzip(List<String> lines) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(lines.size() * 32 + 64);
        // Level 1: line protocol compresses well at any level; CPU is what a catch-up is short of.
        try (OutputStream gzip = new GZIPOutputStream(bytes, 65_536) {
            {
                def.setLevel(java.util.zip.Deflater.BEST_SPEED);
            }
        }) {
            for (String line : lines) {
                gzip.write(line.getBytes(StandardCharsets.UTF_8));
                gzip.write('\n');
            }
        }
        return bytes.toByteArray();
    }

    @Override
    public String target() {
        return options.describe();
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
