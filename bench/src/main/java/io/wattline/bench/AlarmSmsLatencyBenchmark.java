package io.wattline.bench;

import io.wattline.alarms.AlarmCommands;
import io.wattline.alarms.AlarmEvent;
import io.wattline.alarms.Priority;
import io.wattline.alarms.state.AlarmState;
import io.wattline.core.notification.FloodControl;
import io.wattline.core.notification.NotificationSettings;
import io.wattline.core.notification.Person;
import io.wattline.core.notification.RetryPolicy;
import io.wattline.core.notification.Roster;
import io.wattline.core.notification.SmsTransportSettings;
import io.wattline.core.plant.Shift;
import io.wattline.core.plant.ShiftCalendar;
import io.wattline.notify.NotificationService;
import io.wattline.notify.smpp.SmscPeer;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsmpp.bean.BindType;
import org.jsmpp.bean.DataCodings;
import org.jsmpp.bean.ESMClass;
import org.jsmpp.bean.NumberingPlanIndicator;
import org.jsmpp.bean.RegisteredDelivery;
import org.jsmpp.bean.TypeOfNumber;
import org.jsmpp.session.BindParameter;
import org.jsmpp.session.SMPPSession;

/**
 * Alarm event → {@code submit_sm} received at a real SMSC (npm smpp on loopback), through the whole
 * notification path (engine, durable outbox forced to disk, dispatcher, SMPP transport): 1,000
 * alarms offered at 60 a second (216,000 an hour) for latency and the sustained rate, then 1,000
 * at once for capacity, against a raw jsmpp submit loop on the same SMSC as the baseline.
 */
final class AlarmSmsLatencyBenchmark implements Benchmark {

    private static final int ALARMS = 1_000;
    private static final int PEOPLE = 20;
    private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    private static final String BASELINE_TO = "8613999999999";
    private static final Pattern ALARM_ID = Pattern.compile("报警(\\d+)");

    @Override
    public String name() {
        return "alarm-sms-latency";
    }

    @Override
    public String description() {
        return "alarm event -> submit_sm at the SMSC: p95/p99 latency at 60 alarms/s, messages/h, vs raw jsmpp";
    }

    @Override
    public void run(List<String> args, PrintStream out) throws Exception {
        Path root = Path.of(System.getenv().getOrDefault("WATTLINE_REPO_ROOT", "."));
        Path work = (Files.isDirectory(root.resolve("bench")) ? root.resolve("bench") : root)
                .resolve("target/node-smpp").toAbsolutePath();
        try (SmscPeer smsc = SmscPeer.start(work, SmscPeer.freePort(), null)) {
            double baseline = rawJsmppLoop(smsc);
            out.printf("baseline: raw jsmpp submit loop %.0f messages/h%n", baseline);
            Path data = Files.createTempDirectory("alarm-sms-bench");
            Clock clock = Clock.systemUTC();
            long[] raisedAt = new long[2 * ALARMS + 1];
            try (NotificationService service = NotificationService.start(settings(smsc.port()), ZONE, dayOnly(),
                    data, new RefusingCommands(), clock, Map.<String, String>of()::get)) {
                smsc.await("bind", e -> true, Duration.ofSeconds(30));
                // Sustained: 60 alarms a second.
                long t0 = System.nanoTime();
                for (int i = 1; i <= ALARMS; i++) {
                    LockSupport.parkNanos(t0 + (i - 1) * 1_000_000_000L / 60 - System.nanoTime());
                    raisedAt[i] = System.currentTimeMillis();
                    service.listener().onAlarm(event(i, clock));
                }
                smsc.awaitCount("submit", e -> !e.get("to").equals(BASELINE_TO), ALARMS, Duration.ofSeconds(120));
                Stats sustained = stats(smsc, raisedAt, 1, ALARMS);
                // Capacity: 1,000 at once.
                long burstStart = System.currentTimeMillis();
                for (int i = ALARMS + 1; i <= 2 * ALARMS; i++) {
                    raisedAt[i] = System.currentTimeMillis();
                    service.listener().onAlarm(event(i, clock));
                }
                smsc.awaitCount("submit", e -> !e.get("to").equals(BASELINE_TO), 2 * ALARMS, Duration.ofSeconds(180));
                Stats burst = stats(smsc, raisedAt, ALARMS + 1, 2 * ALARMS);
                double capacity = ALARMS * 3_600_000.0 / Math.max(1, burst.lastAt - burstStart);
                out.printf("sustained: %d of %d at the SMSC, p50 %.1f ms; burst of %d drained in %d ms, p95 %.1f ms%n",
                        sustained.received, ALARMS, sustained.p50, ALARMS, burst.lastAt - burstStart, burst.p95);
                out.printf("RESULT p95_ms=%.1f p99_ms=%.1f messages_per_h=%.0f lost=%d capacity_messages_per_h=%.0f"
                        + " baseline_messages_per_h=%.0f capacity_ratio=%.3f%n", sustained.p95, sustained.p99,
                        sustained.perHour, 2 * ALARMS - sustained.received - burst.received, capacity, baseline,
                        capacity / baseline);
            }
        }
    }

    /** Latency of each alarm (raised → its submit_sm at the SMSC), and the rate over the run. */
    private record Stats(int received, double p50, double p95, double p99, double perHour, long lastAt) {
    }

    private static Stats stats(SmscPeer smsc, long[] raisedAt, int from, int to) {
        Map<Integer, Long> at = new HashMap<>();
        for (SmscPeer.Event e : smsc.events("submit")) {
            Matcher m = ALARM_ID.matcher(e.get("text"));
            if (m.find()) {
                int id = Integer.parseInt(m.group(1));
                if (id >= from && id <= to) {
                    at.putIfAbsent(id, Long.parseLong(e.get("at")));
                }
            }
        }
        double[] latency = at.entrySet().stream().mapToDouble(e -> e.getValue() - raisedAt[e.getKey()]).sorted()
                .toArray();
        long last = at.values().stream().mapToLong(Long::longValue).max().orElse(0);
        double perHour = at.size() * 3_600_000.0 / Math.max(1, last - raisedAt[from]);
        return new Stats(at.size(), pct(latency, 50), pct(latency, 95), pct(latency, 99), perHour, last);
    }

    private static double pct(double[] sorted, double p) {
        return sorted.length == 0 ? Double.NaN : sorted[(int) Math.min(sorted.length - 1, Math.ceil(p / 100 * sorted.length) - 1)];
    }

    /** The same SMSC taking single UCS-2 messages from a bare jsmpp session, as fast as it answers. */
    private static double rawJsmppLoop(SmscPeer smsc) throws Exception {
        SMPPSession s = new SMPPSession();
        s.connectAndBind("127.0.0.1", smsc.port(), new BindParameter(BindType.BIND_TRX, "baseline", "", "",
                TypeOfNumber.UNKNOWN, NumberingPlanIndicator.UNKNOWN, null));
        byte[] text = "【报警0 高】1号线功率过高 512 kW 10:00 回复“确认0”确认".getBytes(java.nio.charset.StandardCharsets.UTF_16BE);
        long start = System.nanoTime();
        for (int i = 0; i < ALARMS; i++) {
            s.submitShortMessage("", TypeOfNumber.UNKNOWN, NumberingPlanIndicator.ISDN, "10690000",
                    TypeOfNumber.INTERNATIONAL, NumberingPlanIndicator.ISDN, BASELINE_TO, new ESMClass(),
                    (byte) 0, (byte) 0, null, null, new RegisteredDelivery(), (byte) 0,
                    DataCodings.newInstance((byte) 8), (byte) 0, text);
        }
        double perHour = ALARMS * 3.6e12 / (System.nanoTime() - start);
        s.unbindAndClose();
        smsc.awaitCount("submit", e -> e.get("to").equals(BASELINE_TO), ALARMS, Duration.ofSeconds(30));
        return perHour;
    }

    private static AlarmEvent event(int id, Clock clock) {
        return new AlarmEvent(id, "bench", "meter-" + id, "line" + (id % PEOPLE), Priority.HIGH, AlarmState.NORMAL,
                AlarmState.UNACKNOWLEDGED, clock.instant(), 512.0, "system",
                Map.of("zh-CN", "1号线功率过高 512 kW", "en", "Line 1 power high 512 kW"));
    }

    /** 20 people, each first on call for one line; flood control (100 a minute each) never trips. */
    private static NotificationSettings settings(int port) {
        List<Person> people = new ArrayList<>();
        List<Roster> rosters = new ArrayList<>();
        for (int p = 0; p < PEOPLE; p++) {
            people.add(new Person("p" + p, null, "+86138000001" + String.format("%02d", p), "zh-CN", List.of()));
            rosters.add(new Roster("r" + p, null, List.of("line" + p), Set.of(),
                    List.of(new Roster.OnCall(null, null, List.of("p" + p))), null, List.of(Duration.ofHours(1))));
        }
        return new NotificationSettings(people, rosters, List.of(), null, new FloodControl(Duration.ofMinutes(1), 100),
                Set.of(), List.of(new SmsTransportSettings.Smpp("smsc", "127.0.0.1", port, "wattline", null, "",
                        "10690000", 2_000, Duration.ofSeconds(30), Duration.ofMillis(200), false)),
                new RetryPolicy(8, Duration.ofMillis(200), Duration.ofSeconds(2)), "86");
    }

    private static ShiftCalendar dayOnly() {
        return new ShiftCalendar(List.of(new Shift("day", "Day", LocalTime.MIDNIGHT, LocalTime.MIDNIGHT)), List.of(),
                LocalDate.of(2026, 1, 5), List.of());
    }

    /** The benchmark sends no replies; nothing is ever acknowledged. */
    private static final class RefusingCommands implements AlarmCommands {
        @Override
        public Outcome acknowledge(long alarmId, String actor, String comment) {
            return Outcome.refused("benchmark");
        }

        @Override
        public Outcome shelve(long alarmId, String actor, Duration duration, String reason) {
            return Outcome.refused("benchmark");
        }

        @Override
        public Outcome unshelve(long alarmId, String actor, String comment) {
            return Outcome.refused("benchmark");
        }
    }

}
