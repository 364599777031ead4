package io.wattline.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wattline.web.security.Role;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The browser's files (the pages, their scripts, the charting library from its webjar) arrive whole
 * while other downloads of the same files are broken off half-way, as a browser does on every quick
 * navigation. Streaming a jar entry on one thread while a cancelled download closed it on another
 * once corrupted the jar's shared decompressor: {@code ZipException: invalid stored block lengths}
 * on {@code echarts.min.js}, and a page that never drew. Every complete answer here is compared, byte
 * for byte, with the file in its jar; the cancelled ones are sent over real sockets and dropped
 * mid-body.
 */
@Tag("integration")
@Timeout(600)
class StaticFilesUnderCancelTest {

    private static final String ECHARTS = "/webjars/echarts/5.3.1/dist/echarts.min.js";
    private static final List<String> FILES = List.of(ECHARTS, "/app.js", "/app.css", "/shell.css", "/session.js",
            "/trends", "/", "/favicon.svg");
    private static final int ROUNDS = 40;

    @TempDir
    static Path data;
    private static ConfigurableApplicationContext app;
    private static int port;
    private static String authorization;

    @BeforeAll
    static void start() throws Exception {
        app = WattlineMain.start(LaunchArguments.parse("demo", "--port", "0", "--data", data.toString(),
                "--opcua-port", "0"));
        port = Integer.parseInt(app.getEnvironment().getProperty("local.server.port"));
        String user = TestLogin.user(app, Role.VIEWER);
        authorization = "Basic " + Base64.getEncoder().encodeToString(
                (user + ":" + TestLogin.PASSWORD).getBytes(StandardCharsets.UTF_8));
    }

    @AfterAll
    static void stop() {
        if (app != null) {
            app.close();
        }
    }

    @Test
    void everyCompleteDownloadIsTheFileWhileOthersAreBrokenOff() throws Exception {
        byte[] echarts = classpath("META-INF/resources/webjars/echarts/5.3.1/dist/echarts.min.js");
        assertTrue(echarts.length > 500_000, "the webjar's echarts.min.js is on the class path");
        String expected = sha256(echarts);
        // each round: 6 downloads dropped after their first few kilobytes, 2 read to the end, all at once
        ExecutorService pool = Executors.newFixedThreadPool(16);
        List<String> failures = new ArrayList<>();
        int whole = 0;
        try {
            for (int round = 0; round < ROUNDS; round++) {
                List<Future<Answer>> complete = new ArrayList<>();
                List<Future<Answer>> dropped = new ArrayList<>();
                for (int i = 0; i < 6; i++) {
                    int cut = 1_000 + 4_000 * i;
                    dropped.add(pool.submit(() -> get(ECHARTS, cut)));
                }
                for (int i = 0; i < 2; i++) {
                    complete.add(pool.submit(() -> get(ECHARTS, Integer.MAX_VALUE)));
                }
                for (Future<Answer> f : dropped) {
                    f.get();
                }
                for (Future<Answer> f : complete) {
                    Answer a = f.get();
                    whole++;
                    if (a.status != 200 || !expected.equals(sha256(a.body))) {
                        failures.add("round " + round + ": status " + a.status + ", " + a.body.length + " of "
                                + echarts.length + " bytes, " + (a.status == 200 ? "content differs" : "")
                                + " " + new String(a.body, 0, Math.min(200, a.body.length), StandardCharsets.UTF_8));
                    }
                }
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(List.of(), failures, "downloads of " + ECHARTS + " that were not the file (of " + whole + ")");
        // and after all of it, the file is still served whole
        Answer last = get(ECHARTS, Integer.MAX_VALUE);
        assertEquals(200, last.status);
        assertEquals(expected, sha256(last.body));
        assertTrue(last.head.toLowerCase(Locale.ROOT).contains("content-type: text/javascript"), last.head);
        assertTrue(last.head.toLowerCase(Locale.ROOT).contains("last-modified:"), last.head);
    }

    @Test
    void theUisOwnFilesArriveWholeWhileOthersAreBrokenOff() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(16);
        List<String> failures = new ArrayList<>();
        try {
            for (String file : FILES) {
                Answer reference = get(file, Integer.MAX_VALUE);
                assertEquals(200, reference.status, file);
                assertTrue(reference.body.length > 0, file);
                for (int round = 0; round < 5; round++) {
                    List<Future<Answer>> all = new ArrayList<>();
                    for (int i = 0; i < 8; i++) {
                        int cut = i % 2 == 0 ? 200 + 100 * i : Integer.MAX_VALUE;
                        all.add(pool.submit(() -> get(file, cut)));
                    }
                    for (Future<Answer> f : all) {
                        Answer a = f.get();
                        if (a.complete && (a.status != 200 || !sha256(reference.body).equals(sha256(a.body)))) {
                            failures.add(file + ": status " + a.status + ", " + a.body.length + " of "
                                    + reference.body.length + " bytes");
                        }
                    }
                }
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(List.of(), failures);
    }

    /** An answer: its status, its body (as much as was read) and whether the body was read to the end. */
    record Answer(int status, String head, byte[] body, boolean complete) {
    }

    /** GET over a fresh socket; reads the body up to {@code cut} bytes and then drops the connection. */
    private static Answer get(String path, int cut) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(60_000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nAuthorization: " + authorization
                    + "\r\nAccept-Encoding: identity\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            String head = readHead(in);
            int status = Integer.parseInt(head.substring(9, 12));
            long length = -1;
            boolean chunked = false;
            for (String line : head.split("\r\n")) {
                String lower = line.toLowerCase(Locale.ROOT);
                if (lower.startsWith("content-length:")) {
                    length = Long.parseLong(lower.substring(15).trim());
                } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
                    chunked = true;
                }
            }
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            if (chunked) {
                byte[] read = readChunked(in, body, cut);
                return new Answer(status, head, read, read.length < cut);
            }
            byte[] buffer = new byte[8192];
            int n;
            while (body.size() < cut && (n = in.read(buffer)) > 0) {
                body.write(buffer, 0, n);
            }
            boolean complete = length >= 0 ? body.size() == length : body.size() < cut;
            return new Answer(status, head, body.toByteArray(), complete);
        }
    }

    private static byte[] readChunked(InputStream in, ByteArrayOutputStream body, int cut) throws IOException {
        while (body.size() < cut) {
            String size = readLine(in).trim();
            int semicolon = size.indexOf(';');
            int n = Integer.parseInt(semicolon < 0 ? size : size.substring(0, semicolon), 16);
            if (n == 0) {
                break;
            }
            body.write(in.readNBytes(n));
            readLine(in);
        }
        return body.toByteArray();
    }

    private static String readHead(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        String line;
        while (!(line = readLine(in)).isEmpty()) {
            head.append(line).append("\r\n");
        }
        return head.toString();
    }

    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) >= 0 && b != '\n') {
            if (b != '\r') {
                line.write(b);
            }
        }
        return line.toString(StandardCharsets.US_ASCII);
    }

    private static byte[] classpath(String name) throws IOException {
        try (InputStream in = StaticFilesUnderCancelTest.class.getClassLoader().getResourceAsStream(name)) {
            assertTrue(in != null, name + " on the class path");
            return in.readAllBytes();
        }
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
