package io.wattline.web.security;

import io.wattline.core.audit.AuditEntry;
import io.wattline.web.audit.AuditLog;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Instant;

/**
 * {@code wattline token create NAME --user USER [--data DIR]} prints a new API token once (scripts
 * send it as {@code Authorization: Bearer TOKEN}), {@code token list} shows names and users (never
 * the tokens), {@code token revoke NAME} stops one at once. Every change is audited with the OS user.
 */
public final class TokenCommand {

    static final String USAGE = "usage: wattline token create NAME --user USER [--data DIR]\n"
            + "       wattline token list [--data DIR]\n"
            + "       wattline token revoke NAME [--data DIR]";

    private TokenCommand() {
    }

    public static int run(String[] args) {
        return run(args, System.out, System.err);
    }

    /** The command with its output and errors written to the given streams. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        String sub = args.length > 0 ? args[0] : "";
        String name = null;
        String user = null;
        Path data = Path.of("data");
        try {
            for (int i = 1; i < args.length; i++) {
                switch (args[i]) {
                    case "--user" -> user = value(args, ++i, "--user");
                    case "--data" -> data = Path.of(value(args, ++i, "--data"));
                    default -> {
                        if (args[i].startsWith("--") || name != null) {
                            throw new IllegalArgumentException("unexpected argument '" + args[i] + "'");
                        }
                        name = args[i];
                    }
                }
            }
            ApiTokens tokens = new ApiTokens(data);
            AuditLog audit = new AuditLog(data);
            try {
                switch (sub) {
                    case "list" -> {
                        for (ApiTokens.Token t : tokens.all()) {
                            out.println(t.name() + " " + t.user() + " " + t.created());
                        }
                        return 0;
                    }
                    case "create" -> {
                        if (name == null || user == null) {
                            throw new IllegalArgumentException("'token create' needs NAME and --user");
                        }
                        UsersFile users = new UsersFile(data);
                        if (users.find(user).isEmpty()) {
                            err.println("wattline: no user '" + user + "' in " + users.file()
                                    + " (add it first: ./wattline user add " + user + " --role viewer)"
                                    + " / 用户不存在，请先添加");
                            return 1;
                        }
                        String secret = tokens.create(name, user, Instant.now());
                        record(audit, "token.create", name, "for user " + user);
                        out.println(secret);
                        err.println("wattline: token " + name + " acts as " + user + " ("
                                + users.find(user).orElseThrow().role().id() + "); it is shown only now: keep it"
                                + " like a password, send it as 'Authorization: Bearer TOKEN'");
                        return 0;
                    }
                    case "revoke" -> {
                        if (name == null) {
                            throw new IllegalArgumentException("'token revoke' needs NAME");
                        }
                        if (!tokens.revoke(name)) {
                            err.println("wattline: no token '" + name + "' in " + tokens.file());
                            return 1;
                        }
                        record(audit, "token.revoke", name, "");
                        out.println("wattline: revoked token " + name);
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
