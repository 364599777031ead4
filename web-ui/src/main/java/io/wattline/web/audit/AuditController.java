package io.wattline.web.audit;

import io.wattline.web.api.InvalidParameterException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * {@code GET /api/audit} (admin): the audit log, newest first, filtered by {@code from}/{@code to}
 * (an ISO instant, or a date in the plant's zone), {@code actor}, {@code action} ({@code login.} for
 * every login entry), {@code address}, paged by {@code offset} and {@code limit} (default 100, at
 * most 1000). There is no route that changes or deletes an entry.
 */
@RestController
public class AuditController {

    static final int DEFAULT_LIMIT = 100;

    private final AuditLog log;
    private final ZoneId zone;

    public AuditController(AuditLog log, io.wattline.web.RunningPlant plant) {
        this.log = log;
        this.zone = plant.plant().zone();
    }

    /** One page of the log: the entries, and where the next page starts (null at the end). */
    public record AuditPage(List<io.wattline.core.audit.AuditEntry> entries, int offset, int limit, Integer next) {
    }

    @GetMapping(value = "/api/audit", produces = MediaType.APPLICATION_JSON_VALUE)
    public Mono<AuditPage> audit(@RequestParam(required = false) String from, @RequestParam(required = false) String to,
            @RequestParam(required = false) String actor, @RequestParam(required = false) String action,
            @RequestParam(required = false) String address, @RequestParam(required = false) String offset,
            @RequestParam(required = false) String limit) {
        int o = number("offset", offset, 0, AuditQuery.MAX_OFFSET, 0);
        int l = number("limit", limit, 1, AuditQuery.MAX_LIMIT, DEFAULT_LIMIT);
        AuditQuery q = new AuditQuery(instant("from", from), instant("to", to), blankToNull(actor), blankToNull(action),
                blankToNull(address), o, l);
        return Mono.fromCallable(() -> log.read(q)).subscribeOn(Schedulers.boundedElastic())
                .map(page -> new AuditPage(page.entries(), o, l, page.more() ? o + page.entries().size() : null));
    }

    private Instant instant(String name, String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return text.length() == 10 ? LocalDate.parse(text).atStartOfDay(zone).toInstant() : Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new InvalidParameterException(name, "an instant (2026-12-01T08:00:00Z) or a date (2026-12-01)", text);
        }
    }

    private static int number(String name, String text, int min, int max, int fallback) {
        if (text == null || text.isBlank()) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(text.strip());
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new InvalidParameterException(name, "an integer from " + min + " to " + max, text);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
