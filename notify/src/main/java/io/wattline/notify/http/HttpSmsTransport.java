package io.wattline.notify.http;

import io.wattline.core.notification.SmsTransportSettings;
import io.wattline.notify.sms.RateLimiter;
import io.wattline.notify.sms.SmsException;
import io.wattline.notify.sms.SmsTransport;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * SMS through a cloud provider's HTTP API: one request a message, built from the configured URL,
 * headers and body template ({@code {to}}, {@code {text}}, {@code {reference}}, {@code {env:NAME}}
 * for secrets, never written in the plant file). A 2xx answer whose body matches the success
 * pattern is taken; 4xx answers are final; 5xx, 408, 429 and network errors are retried.
 */
public final class HttpSmsTransport implements SmsTransport {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{(to|text|reference|env:[A-Za-z_][A-Za-z0-9_]*)}");

    private final SmsTransportSettings.Http settings;
    private final Function<String, String> environment;
    private final RateLimiter rate;
    private final HttpClient client;
    private final Pattern success;
    private final Pattern messageId;

    public HttpSmsTransport(SmsTransportSettings.Http settings, Function<String, String> environment) {
        this.settings = settings;
        this.environment = environment;
        this.rate = new RateLimiter(settings.messagesPerSecond());
        this.client = HttpClient.newBuilder().connectTimeout(settings.timeout()).build();
        this.success = blank(settings.successPattern()) ? null : Pattern.compile(settings.successPattern());
        this.messageId = blank(settings.messageIdPattern()) ? null : Pattern.compile(settings.messageIdPattern());
    }

    @Override
    public String id() {
        return settings.id();
    }

    /** Providers report delivery and replies by calling us back; that endpoint belongs to the web layer. */
    @Override
    public void start(Listener listener) {
        // nothing to connect: each message is one request
    }

    @Override
    public boolean ready() {
        return true;
    }

    @Override
    public List<String> send(long reference, String to, String text) throws SmsException {
        Map<String, String> values = Map.of("to", to, "text", text, "reference", Long.toString(reference));
        UnaryOperator<String> bodyEscape = "form".equals(settings.encoding())
                ? v -> URLEncoder.encode(v, StandardCharsets.UTF_8) : HttpSmsTransport::json;
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(fill(settings.url(), values,
                v -> URLEncoder.encode(v, StandardCharsets.UTF_8)))).timeout(settings.timeout());
        settings.headers().forEach((k, v) -> request.header(k, fill(v, values, UnaryOperator.identity())));
        String body = settings.body() == null ? "" : fill(settings.body(), values, bodyEscape);
        request.method(settings.method(), body.isEmpty() ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        HttpResponse<String> response;
        try {
            rate.acquire();
            response = client.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new SmsException("SMS provider " + settings.id() + " not reached: " + e.getMessage(), false, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SmsException("interrupted", false, e);
        }
        int status = response.statusCode();
        String answer = response.body();
        if (status / 100 == 4 && status != 408 && status != 429) {
            throw new SmsException("SMS provider " + settings.id() + " refused the message: HTTP " + status, true);
        }
        if (status / 100 != 2) {
            throw new SmsException("SMS provider " + settings.id() + " answered HTTP " + status, false);
        }
        if (success != null && !success.matcher(answer).find()) {
            throw new SmsException("SMS provider " + settings.id() + " did not confirm: " + abbreviate(answer), false);
        }
        Matcher id = messageId == null ? null : messageId.matcher(answer);
        return List.of(id != null && id.find() ? id.group(1) : "http-" + reference);
    }

    private String fill(String template, Map<String, String> values, UnaryOperator<String> escape) {
        Matcher m = PLACEHOLDER.matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String key = m.group(1);
            String value;
            if (key.startsWith("env:")) {
                value = environment.apply(key.substring(4));
                if (value == null) {
                    throw new IllegalStateException("SMS transport " + settings.id() + ": environment variable "
                            + key.substring(4) + " is not set");
                }
            } else {
                value = escape.apply(values.get(key));
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** The text as it goes between the quotes of a JSON string. */
    static String json(String s) {
        StringBuilder b = new StringBuilder();
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> b.append(c < 0x20 ? String.format("\\u%04x", (int) c) : String.valueOf(c));
            }
        }
        return b.toString();
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private static String abbreviate(String s) {
        return s.length() <= 200 ? s : s.substring(0, 200) + "…";
    }

    @Override
    public void close() {
        // the JDK client holds no connection that needs closing
    }
}
