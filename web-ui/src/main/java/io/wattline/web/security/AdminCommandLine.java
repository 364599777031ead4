package io.wattline.web.security;

import io.wattline.core.audit.AuditEntry;
import io.wattline.web.audit.AuditLog;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * The command line of {@code wattline user|token SUB [NAME] [--option VALUE]... [--data DIR]}: one
 * subcommand, at most one name, options that each take a value. {@link #run} parses it, opens the
 * audit log of the data folder for the body and answers a wrong command line with the usage (exit 2).
 */
record AdminCommandLine(String sub, String name, Map<String, String> options) {

    /** What a subcommand does with its command line and the audit log; returns the exit code. */
    @FunctionalInterface
    interface Body {
        int run(AdminCommandLine line, AuditLog audit);
    }

    /**
     * Parses {@code args} ({@code --data} is always allowed besides {@code valueOptions}) and runs {@code body};
     * an IllegalArgumentException from either is printed with {@code usage} and gives exit code 2.
     */
    static int run(String[] args, Set<String> valueOptions, String usage, PrintStream err, Body body) {
        try {
            AdminCommandLine line = parse(args, valueOptions);
            AuditLog audit = new AuditLog(line.data());
            try {
                return body.run(line, audit);
            } finally {
                audit.close();
            }
        } catch (IllegalArgumentException e) {
            err.println("wattline: " + e.getMessage());
            err.println(usage);
            return 2;
        }
    }

    static AdminCommandLine parse(String[] args, Set<String> valueOptions) {
        String sub = args.length > 0 ? args[0] : "";
        String name = null;
        Map<String, String> options = new HashMap<>();
        for (int i = 1; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("--data") || valueOptions.contains(arg)) {
                if (++i >= args.length) {
                    throw new IllegalArgumentException("option " + arg + " needs a value");
                }
                options.put(arg, args[i]);
            } else if (arg.startsWith("--") || name != null) {
                throw new IllegalArgumentException("unexpected argument '" + arg + "'");
            } else {
                name = arg;
            }
        }
        return new AdminCommandLine(sub, name, Map.copyOf(options));
    }

    /** The data folder ({@code --data}, else {@code data} in the working folder). */
    Path data() {
        return Path.of(options.getOrDefault("--data", "data"));
    }

    /** An option's value, null when not given. */
    String option(String option) {
        return options.get(option);
    }

    /** The answer to a subcommand this command does not have (or none). */
    IllegalArgumentException unknownSubcommand() {
        return new IllegalArgumentException(sub.isEmpty() ? "no subcommand given" : "unknown subcommand '" + sub + "'");
    }

    /** Records a change made on the console, as the operating-system user who made it. */
    static void audit(AuditLog audit, String action, String target, String detail) {
        audit.record(new AuditEntry(Instant.now(), System.getProperty("user.name", "console"), "console", action, target,
                detail));
    }
}
