package io.wattline.web.security;

import io.wattline.core.audit.AuditEntry;
import io.wattline.web.audit.AuditLog;
import java.io.Console;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.function.Supplier;

/**
 * {@code wattline user add NAME --role ROLE [--data DIR]} (password from {@code WATTLINE_USER_PASSWORD},
 * else asked twice on the console; adding an existing name changes its role and password),
 * {@code user remove NAME}, {@code user list}. Every change is audited with the OS user. A running
 * server sees the change at its next sign-in.
 */
public final class UserCommand {

    public static final String PASSWORD_VARIABLE = "WATTLINE_USER_PASSWORD";
    static final String USAGE = "usage: wattline user add NAME --role viewer|operator|engineer|admin [--data DIR]\n"
            + "       wattline user remove NAME [--data DIR]\n"
            + "       wattline user list [--data DIR]\n"
            + "the password is read from " + PASSWORD_VARIABLE + " or asked on the console";

    private UserCommand() {
    }

    public static int run(String[] args) {
        return run(args, System.getenv(), System::console, System.out, System.err);
    }

    static int run(String[] args, Map<String, String> env, Supplier<Console> console, PrintStream out,
            PrintStream err) {
        String sub = args.length > 0 ? args[0] : "";
        String name = null;
        String role = null;
        Path data = Path.of("data");
        try {
            for (int i = 1; i < args.length; i++) {
                switch (args[i]) {
                    case "--role" -> role = value(args, ++i, "--role");
                    case "--data" -> data = Path.of(value(args, ++i, "--data"));
                    default -> {
                        if (args[i].startsWith("--") || name != null) {
                            throw new IllegalArgumentException("unexpected argument '" + args[i] + "'");
                        }
                        name = args[i];
                    }
                }
            }
            UsersFile users = new UsersFile(data);
            AuditLog audit = new AuditLog(data);
            try {
                switch (sub) {
                    case "list" -> {
                        for (UserAccount u : users.all()) {
                            out.println(u.name() + " " + u.role().id());
                        }
                        return 0;
                    }
                    case "add" -> {
                        if (name == null || role == null) {
                            throw new IllegalArgumentException("'user add' needs NAME and --role");
                        }
                        Role r = Role.parse(role);
                        String password = password(env, console, name);
                        boolean existed = users.find(name).isPresent();
                        users.put(name, r, password);
                        record(audit, existed ? "user.change" : "user.add", name, "role " + r.id());
                        out.println("wattline: " + (existed ? "changed" : "added") + " user " + name + " (" + r.id()
                                + ") in " + users.file());
                        return 0;
                    }
                    case "remove" -> {
                        if (name == null) {
                            throw new IllegalArgumentException("'user remove' needs NAME");
                        }
                        if (!users.remove(name)) {
                            err.println("wattline: no user '" + name + "' in " + users.file());
                            return 1;
                        }
                        record(audit, "user.remove", name, "");
                        out.println("wattline: removed user " + name);
                        return 0;
                    }
                    default -> throw new IllegalArgumentException(sub.isEmpty() ? "no subcommand given"
                            : "unknown subcommand '" + sub + "'");
                }
            } finally {
                audit.close();
            }
        } catch (IllegalArgumentException e) {
            err.println("wattline: " + e.getMessage());
            err.println(USAGE);
            return 2;
        }
    }

    private static String password(Map<String, String> env, Supplier<Console> console, String name) {
        String fromEnv = env.get(PASSWORD_VARIABLE);
        if (fromEnv != null && !fromEnv.isEmpty()) {
            return fromEnv;
        }
        Console c = console.get();
        if (c == null) {
            throw new IllegalArgumentException("no console to ask the password on: set " + PASSWORD_VARIABLE);
        }
        char[] first = c.readPassword("password for %s: ", name);
        char[] second = c.readPassword("again: ");
        if (first == null || second == null || !Arrays.equals(first, second)) {
            throw new IllegalArgumentException("the two passwords differ");
        }
        return new String(first);
    }

    private static void record(AuditLog audit, String action, String target, String detail) {
        audit.record(new AuditEntry(Instant.now(), System.getProperty("user.name", "console"), "console", action, target,
                detail));
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            throw new IllegalArgumentException("option " + option + " needs a value");
        }
        return args[i];
    }
}
