package io.wattline.web.security;

import io.wattline.core.audit.AuditEntry;
import io.wattline.core.audit.AuditTrail;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.ReactiveAuthenticationManager;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.AuthorityUtils;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Checks a user name and password (form login and HTTP Basic) against the users file, through the
 * login throttle, and records every sign-in and every failure in the audit log with the client's
 * address. A script sending Basic credentials on each request would pay a bcrypt check (tens of ms)
 * each time: a verified pair is remembered (as a SHA-256 of the password, tied to the stored hash so a
 * password change forgets it) for {@link #REMEMBER}, and only its first use is audited.
 */
public final class PasswordAuthenticationManager implements ReactiveAuthenticationManager {

    static final Duration REMEMBER = Duration.ofMinutes(10);
    private static final int MAX_REMEMBERED = 1000;
    /**
     * Checked when the user does not exist, so that an unknown name costs as long as a wrong password:
     * a bcrypt hash of the users file's kind and cost (10) of a random text nobody kept. A constant, not
     * hashed at every start (a few hundred ms of CPU that competed with the start on 2 cores; issue 12,
     * fast start): no check against it ever succeeds, whatever was hashed ({@code DummyHashTest}).
     */
    static final String DUMMY_HASH = "{bcrypt}$2a$10$lpRyuEdvxY4mzMOE6T9/suhsYZVtwLRi6DpmIJfzGnzBVim98N.Pu";

    private final UsersFile users;
    private final LoginThrottle throttle;
    private final AuditTrail audit;
    private final Clock clock;
    private final Map<String, Instant> verified = new ConcurrentHashMap<>();
    private final boolean remember;

    /** @param remember whether a recently verified name and password skip the bcrypt check (Basic) */
    public PasswordAuthenticationManager(UsersFile users, LoginThrottle throttle, AuditTrail audit, Clock clock,
            boolean remember) {
        this.remember = remember;
        this.users = users;
        this.throttle = throttle;
        this.audit = audit;
        this.clock = clock;
    }

    @Override
    public Mono<Authentication> authenticate(Authentication request) {
        String name = request.getName();
        String password = request.getCredentials() == null ? "" : request.getCredentials().toString();
        return Mono.deferContextual(context -> {
            String address = ClientAddress.of(context);
            Duration wait = throttle.wait(name, address);
            if (!wait.isZero()) {
                record(name, address, "login.throttled", "refused for " + wait.toSeconds() + " s after failed sign-ins");
                return Mono.error(new LoginThrottledException(wait));
            }
            return Mono.fromCallable(() -> check(name, password, address)).subscribeOn(Schedulers.boundedElastic());
        });
    }

    private Authentication check(String name, String password, String address) {
        Optional<UserAccount> account = users.find(name);
        String key = account.map(a -> a.name() + "\0" + a.passwordHash() + "\0" + sha256(password)).orElse(null);
        Instant now = clock.instant();
        if (key != null && remember) {
            Instant until = verified.get(key);
            if (until != null && until.isAfter(now)) {
                return authenticated(account.get());
            }
        }
        boolean ok;
        if (account.isPresent()) {
            ok = UsersFile.encoder().matches(password, account.get().passwordHash());
        } else {
            UsersFile.encoder().matches(password, DUMMY_HASH);
            ok = false;
        }
        if (!ok) {
            throttle.failed(name, address);
            record(name, address, "login.failure", account.isPresent() ? "wrong password" : "no such user");
            throw new BadCredentialsException("wrong user name or password / 用户名或密码错误");
        }
        throttle.succeeded(name, address);
        if (verified.size() >= MAX_REMEMBERED) {
            verified.clear();
        }
        if (remember) {
            verified.put(key, now.plus(REMEMBER));
        }
        record(name, address, "login.success", "role " + account.get().role().id());
        return authenticated(account.get());
    }

    private void record(String name, String address, String action, String detail) {
        audit.record(new AuditEntry(clock.instant(), name == null ? "" : name, address, action, "", detail));
    }

    private static Authentication authenticated(UserAccount account) {
        return UsernamePasswordAuthenticationToken.authenticated(account.name(), null,
                AuthorityUtils.createAuthorityList(account.role().authorities()));
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
