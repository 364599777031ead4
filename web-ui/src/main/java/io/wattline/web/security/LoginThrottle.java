package io.wattline.web.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Slows password guessing: after {@value #PAIR_FAILURES} failed sign-ins of one user from one
 * address, or {@value #ADDRESS_FAILURES} from one address whatever the user, further attempts from
 * there are refused (even with the right password) for 30 s, doubling with each further failure up
 * to 15 min. A success clears the pair's count. Kept in memory: a restart forgets it.
 */
public final class LoginThrottle {

    static final int PAIR_FAILURES = 5;
    static final int ADDRESS_FAILURES = 20;
    static final Duration FIRST_LOCK = Duration.ofSeconds(30);
    static final Duration MAX_LOCK = Duration.ofMinutes(15);
    private static final int MAX_TRACKED = 10_000;

    private record Failures(int count, Instant lockedUntil) {
    }

    private final Clock clock;
    private final Map<String, Failures> failures = new ConcurrentHashMap<>();

    public LoginThrottle(Clock clock) {
        this.clock = clock;
    }

    /** How long sign-ins of this user from this address stay refused, or {@link Duration#ZERO}. */
    public Duration wait(String user, String address) {
        Instant now = clock.instant();
        Duration longest = Duration.ZERO;
        for (String key : new String[] {pair(user, address), "address\0" + address}) {
            Failures f = failures.get(key);
            if (f != null && f.lockedUntil() != null && f.lockedUntil().isAfter(now)) {
                Duration d = Duration.between(now, f.lockedUntil());
                longest = d.compareTo(longest) > 0 ? d : longest;
            }
        }
        return longest;
    }

    public void failed(String user, String address) {
        if (failures.size() > MAX_TRACKED) {
            Instant now = clock.instant();
            failures.values().removeIf(f -> f.lockedUntil() == null || f.lockedUntil().isBefore(now));
        }
        count(pair(user, address), PAIR_FAILURES);
        count("address\0" + address, ADDRESS_FAILURES);
    }

    public void succeeded(String user, String address) {
        failures.remove(pair(user, address));
    }

    private void count(String key, int threshold) {
        Instant now = clock.instant();
        failures.compute(key, (k, f) -> {
            int n = f == null ? 1 : f.count() + 1;
            if (n < threshold) {
                return new Failures(n, null);
            }
            long factor = 1L << Math.min(n - threshold, 10);
            Duration lock = FIRST_LOCK.multipliedBy(factor);
            return new Failures(n, now.plus(lock.compareTo(MAX_LOCK) > 0 ? MAX_LOCK : lock));
        });
    }

    private static String pair(String user, String address) {
        return "pair\0" + user + "\0" + address;
    }
}
