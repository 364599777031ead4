package io.wattline.web.security;

import io.wattline.core.audit.AuditEntry;
import io.wattline.core.audit.AuditTrail;
import java.io.PrintStream;
import java.security.SecureRandom;
import java.time.Clock;

/**
 * No default password: when the users file is empty, {@code run} creates user {@code admin} with the
 * password given in {@code WATTLINE_ADMIN_PASSWORD}, or else a random one printed once to the console;
 * the demo creates its documented demo user ({@link #DEMO_USER}/{@link #DEMO_PASSWORD}, admin), which
 * its login page shows.
 */
public final class FirstStartUsers {

    public static final String ADMIN_USER = "admin";
    public static final String DEMO_USER = "demo";
    public static final String DEMO_PASSWORD = "demo";
    private static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final UsersFile users;
    private final AuditTrail audit;
    private final Clock clock;

    public FirstStartUsers(UsersFile users, AuditTrail audit, Clock clock) {
        this.users = users;
        this.audit = audit;
        this.clock = clock;
    }

    private volatile java.util.concurrent.CompletableFuture<Void> ensuring =
            java.util.concurrent.CompletableFuture.completedFuture(null);

    /** {@link #ensureUsers} on another thread; {@link #awaitUsers} waits for it and rethrows its failure. */
    public void ensureUsersInBackground(boolean demo, String adminPassword, PrintStream console) {
        ensuring = java.util.concurrent.CompletableFuture.runAsync(() -> ensureUsers(demo, adminPassword, console));
    }

    /** Waits for {@link #ensureUsersInBackground}; a failure to create the first user is thrown here. */
    public void awaitUsers() {
        try {
            ensuring.join();
        } catch (java.util.concurrent.CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
    }

    /** Creates the first user when there is none; {@code adminPassword} is the environment's or null. */
    public void ensureUsers(boolean demo, String adminPassword, PrintStream console) {
        if (!users.all().isEmpty()) {
            return;
        }
        if (demo) {
            users.putUnchecked(DEMO_USER, Role.ADMIN, DEMO_PASSWORD);
            record(DEMO_USER, "the demo's documented user");
            console.println("wattline: demo: sign in as user '" + DEMO_USER + "' with password '" + DEMO_PASSWORD
                    + "' (scripts: curl -u " + DEMO_USER + ":" + DEMO_PASSWORD + " ...)");
            return;
        }
        if (adminPassword != null && !adminPassword.isBlank()) {
            users.put(ADMIN_USER, Role.ADMIN, adminPassword);
            record(ADMIN_USER, "first start: password from WATTLINE_ADMIN_PASSWORD");
            console.println("wattline: first start: created user '" + ADMIN_USER
                    + "' (role admin) with the password in WATTLINE_ADMIN_PASSWORD");
            return;
        }
        String password = randomPassword();
        users.put(ADMIN_USER, Role.ADMIN, password);
        record(ADMIN_USER, "first start: one-time password printed to the console");
        console.println("wattline: first start: created user '" + ADMIN_USER + "' (role admin) with the one-time password "
                + password + " (shown only now; change it with ./wattline user add " + ADMIN_USER + " --role admin)");
    }

    private void record(String user, String detail) {
        audit.record(new AuditEntry(clock.instant(), "system", "console", "user.add", user, detail));
    }

    static String randomPassword() {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < 20; i++) {
            b.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return b.toString();
    }
}
