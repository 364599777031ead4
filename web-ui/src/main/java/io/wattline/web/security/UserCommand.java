package io.wattline.web.security;

import java.io.Console;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
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
        return AdminCommandLine.run(args, Set.of("--role"), USAGE, err, (line, audit) -> {
            UsersFile users = new UsersFile(line.data());
            String name = line.name();
            switch (line.sub()) {
                case "list" -> {
                    for (UserAccount u : users.all()) {
                        out.println(u.name() + " " + u.role().id());
                    }
                    return 0;
                }
                case "add" -> {
                    String role = line.option("--role");
                    if (name == null || role == null) {
                        throw new IllegalArgumentException("'user add' needs NAME and --role");
                    }
                    Role r = Role.parse(role);
                    String password = password(env, console, name);
                    boolean existed = users.find(name).isPresent();
                    users.put(name, r, password);
                    AdminCommandLine.audit(audit, existed ? "user.change" : "user.add", name, "role " + r.id());
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
                    AdminCommandLine.audit(audit, "user.remove", name, "");
                    out.println("wattline: removed user " + name);
                    return 0;
                }
                default -> throw line.unknownSubcommand();
            }
        });
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
}
