package io.wattline.web.alarms;

import io.wattline.alarms.AlarmCommands;
import io.wattline.alarms.AlarmView;
import io.wattline.alarms.journal.JournalEntry;
import io.wattline.alarms.journal.JournalQuery;
import io.wattline.web.RunningPlant;
import io.wattline.web.api.ApiError;
import io.wattline.web.api.InvalidParameterException;
import java.security.Principal;
import java.time.Clock;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * The alarm API: {@code GET /api/alarms} (what needs attention; {@code ?all=true}: every configured
 * alarm), {@code GET /api/alarms/journal}, {@code POST /api/alarms/{id}/ack|shelve|unshelve} (done
 * by the signed-in user, who the journal records with the comment), and {@code GET
 * /api/alarms/notifications} (the SMS outbox's delivery status). A command the engine refuses is a
 * 409 with its reason; a request without a user is a 401.
 */
@RestController
public class AlarmController {

    static final int DEFAULT_NOTIFICATIONS = 100;

    private final RunningAlarms alarms;
    private final ZoneId zone;
    private final Clock clock;

    public AlarmController(RunningAlarms alarms, RunningPlant plant, Clock clock) {
        this.alarms = alarms;
        this.zone = plant.plant().zone();
        this.clock = clock;
    }

    @GetMapping(value = "/api/alarms", produces = MediaType.APPLICATION_JSON_VALUE)
    public List<AlarmView> alarms(@RequestParam(name = "all", defaultValue = "false") boolean all) {
        return alarms.engine().alarms().stream().filter(v -> all || v.notable()).toList();
    }

    @GetMapping(value = "/api/alarms/journal", produces = MediaType.APPLICATION_JSON_VALUE)
    public Mono<List<JournalEntry>> journal(JournalParameters parameters) {
        JournalQuery q = parameters.query(zone, clock.instant());
        return Mono.fromCallable(() -> alarms.engine().journal(q)).subscribeOn(Schedulers.boundedElastic());
    }

    @PostMapping(value = "/api/alarms/{id}/ack", produces = MediaType.APPLICATION_JSON_VALUE)
    public Mono<ResponseEntity<Object>> acknowledge(@PathVariable("id") String id,
            @RequestBody(required = false) AlarmCommandBody body, ServerWebExchange exchange) {
        return command(exchange, id, body, (alarmId, b, user) -> alarms.engine().acknowledge(alarmId, user,
                b.commentOrEmpty()));
    }

    @PostMapping(value = "/api/alarms/{id}/shelve", produces = MediaType.APPLICATION_JSON_VALUE)
    public Mono<ResponseEntity<Object>> shelve(@PathVariable("id") String id,
            @RequestBody(required = false) AlarmCommandBody body, ServerWebExchange exchange) {
        java.time.Duration duration = (body == null ? AlarmCommandBody.empty() : body).shelveDuration();
        return command(exchange, id, body, (alarmId, b, user) -> alarms.engine().shelve(alarmId, user, duration,
                b.reason()));
    }

    @PostMapping(value = "/api/alarms/{id}/unshelve", produces = MediaType.APPLICATION_JSON_VALUE)
    public Mono<ResponseEntity<Object>> unshelve(@PathVariable("id") String id,
            @RequestBody(required = false) AlarmCommandBody body, ServerWebExchange exchange) {
        return command(exchange, id, body, (alarmId, b, user) -> alarms.engine().unshelve(alarmId, user,
                b.commentOrEmpty()));
    }

    /** Delivery status of the latest SMS (newest first); empty when the plant notifies nobody. */
    @GetMapping(value = "/api/alarms/notifications", produces = MediaType.APPLICATION_JSON_VALUE)
    public List<DeliveryView> notifications(@RequestParam(name = "limit", required = false) String limit) {
        int n = DEFAULT_NOTIFICATIONS;
        if (limit != null && !limit.isBlank()) {
            try {
                n = Integer.parseInt(limit.strip());
            } catch (NumberFormatException e) {
                n = -1;
            }
            if (n < 1 || n > 1000) {
                throw new InvalidParameterException("limit", "an integer from 1 to 1000", limit);
            }
        }
        int count = n;
        return alarms.notification().map(s -> s.outbox().recent(count).stream().map(DeliveryView::of).toList())
                .orElse(List.of());
    }

    /** One of the commands, on an alarm number, with its body, as a user. */
    @FunctionalInterface
    private interface Command {
        AlarmCommands.Outcome run(long alarmId, AlarmCommandBody body, String user);
    }

    /** Runs a command as the signed-in user (the engine waits for its thread: off the event loop). */
    private Mono<ResponseEntity<Object>> command(ServerWebExchange exchange, String id, AlarmCommandBody body,
            Command command) {
        long alarmId = alarmId(id);
        AlarmCommandBody b = body == null ? AlarmCommandBody.empty() : body;
        return exchange.getPrincipal().map(Principal::getName)
                .flatMap(user -> Mono.fromCallable(() -> command.run(alarmId, b, user))
                        .subscribeOn(Schedulers.boundedElastic()))
                .map(outcome -> outcome.done() ? ResponseEntity.ok().body(result(alarmId))
                        : ResponseEntity.status(HttpStatus.CONFLICT).contentType(ApiError.PROBLEM_JSON)
                                .body((Object) new ApiError(409, "conflict",
                                "alarm " + alarmId + ": " + outcome.reason(), null, null, null)))
                .defaultIfEmpty(ResponseEntity.status(HttpStatus.UNAUTHORIZED).contentType(ApiError.PROBLEM_JSON)
                        .body(new ApiError(401, "unauthorized",
                        "sign in as an operator to act on alarms / 请以操作员身份登录后再操作报警", null, null, null)));
    }

    /** The alarm after a command: its view when it is still configured (it always is), else its number. */
    private Object result(long alarmId) {
        return alarms.engine().alarms().stream().filter(v -> v.alarmId() != null && v.alarmId() == alarmId)
                .findFirst().<Object>map(v -> v).orElse(Map.of("alarmId", alarmId));
    }

    private static long alarmId(String text) {
        try {
            long id = Long.parseLong(text.strip());
            if (id > 0) {
                return id;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new InvalidParameterException("id", "an alarm number such as 1234", text);
    }
}
