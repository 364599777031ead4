package io.wattline.web.security;

import java.io.PrintStream;
import java.time.Instant;
import java.util.Set;

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
        return AdminCommandLine.run(args, Set.of("--user"), USAGE, err, (line, audit) -> {
            ApiTokens tokens = new ApiTokens(line.data());
            String name = line.name();
            switch (line.sub()) {
                case "list" -> {
                    for (ApiTokens.Token t : tokens.all()) {
                        out.println(t.name() + " " + t.user() + " " + t.created());
                    }
                    return 0;
                }
                case "create" -> {
                    String user = line.option("--user");
                    if (name == null || user == null) {
                        throw new IllegalArgumentException("'token create' needs NAME and --user");
                    }
                    UsersFile users = new UsersFile(line.data());
                    if (users.find(user).isEmpty()) {
                        err.println("wattline: no user '" + user + "' in " + users.file()
                                + " (add it first: ./wattline user add " + user + " --role viewer)"
                                + " / 用户不存在，请先添加");
                        return 1;
                    }
                    String secret = tokens.create(name, user, Instant.now());
                    AdminCommandLine.audit(audit, "token.create", name, "for user " + user);
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
                    AdminCommandLine.audit(audit, "token.revoke", name, "");
                    out.println("wattline: revoked token " + name);
                    return 0;
                }
                default -> throw line.unknownSubcommand();
            }
        });
    }
}
