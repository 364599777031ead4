package io.wattline.notify.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.wattline.core.notification.SmsTransportSettings;
import io.wattline.notify.sms.SmsException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The HTTP transport against a real HTTP server (the JDK's) on a loopback port. */
class HttpSmsTransportTest {

    /** One request as the provider saw it. */
    record Seen(String method, String path, String query, String authorization, String contentType, String body) {
    }

    private HttpServer server;
    private final List<Seen> seen = new ArrayList<>();
    private volatile int status = 200;
    private volatile String answer = "{\"Code\":\"OK\",\"BizId\":\"900619746936498440^0\"}";

    @BeforeEach
    void start() throws Exception {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/sms", exchange -> {
            synchronized (seen) {
                seen.add(new Seen(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                        exchange.getRequestURI().getRawQuery(), exchange.getRequestHeaders().getFirst("Authorization"),
                        exchange.getRequestHeaders().getFirst("Content-Type"),
                        new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
            }
            byte[] out = answer.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, out.length);
            exchange.getResponseBody().write(out);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private HttpSmsTransport transport(String encoding, String body) {
        return new HttpSmsTransport(new SmsTransportSettings.Http("cloud",
                "http://127.0.0.1:" + server.getAddress().getPort() + "/sms?to={to}&ref={reference}", "POST",
                Map.of("Authorization", "Bearer {env:SMS_TOKEN}", "Content-Type",
                        encoding.equals("json") ? "application/json" : "application/x-www-form-urlencoded"),
                body, encoding, "\"Code\":\"OK\"", "\"BizId\":\"([^\"]+)\"", 50, Duration.ofSeconds(5)),
                Map.of("SMS_TOKEN", "t0ken")::get);
    }

    @Test
    void aJsonTemplateCarriesTheChineseTextEscapedAndTheSecretFromTheEnvironment() throws Exception {
        List<String> ids = transport("json", "{\"phone\":\"{to}\",\"text\":\"{text}\",\"ref\":{reference}}")
                .send(17, "+8613800000001", "【报警17 高】\"1号线\" 功率\\过高\n请检查");
        assertEquals(List.of("900619746936498440^0"), ids);
        Seen s = seen.get(0);
        assertEquals("POST", s.method());
        assertEquals("to=%2B8613800000001&ref=17", s.query());
        assertEquals("Bearer t0ken", s.authorization());
        assertEquals("{\"phone\":\"+8613800000001\",\"text\":\"【报警17 高】\\\"1号线\\\" 功率\\\\过高\\n请检查\",\"ref\":17}",
                s.body());
    }

    @Test
    void aFormTemplateIsUrlEncoded() throws Exception {
        transport("form", "mobile={to}&content={text}").send(3, "+8613800000001", "确认 & 回复");
        assertEquals("mobile=%2B8613800000001&content=%E7%A1%AE%E8%AE%A4+%26+%E5%9B%9E%E5%A4%8D", seen.get(0).body());
    }

    @Test
    void serverErrorsAreRetriedClientErrorsAreFinalAndAnUnconfirmedAnswerIsRetried() {
        HttpSmsTransport t = transport("json", "{\"text\":\"{text}\"}");
        status = 503;
        assertFalse(assertThrows(SmsException.class, () -> t.send(1, "+86138", "x")).permanent());
        status = 429;
        assertFalse(assertThrows(SmsException.class, () -> t.send(1, "+86138", "x")).permanent());
        status = 400;
        assertTrue(assertThrows(SmsException.class, () -> t.send(1, "+86138", "x")).permanent());
        status = 200;
        answer = "{\"Code\":\"isv.BUSINESS_LIMIT_CONTROL\"}";
        SmsException e = assertThrows(SmsException.class, () -> t.send(1, "+86138", "x"));
        assertFalse(e.permanent());
        assertTrue(e.getMessage().contains("BUSINESS_LIMIT_CONTROL"), e.getMessage());
        assertEquals(4, seen.size());
    }
}
