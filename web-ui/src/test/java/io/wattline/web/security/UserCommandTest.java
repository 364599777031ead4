package io.wattline.web.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wattline.core.files.PrivateFiles;
import io.wattline.web.audit.AuditLog;
import io.wattline.web.audit.AuditQuery;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code wattline user add|list|remove}: the password from the environment (never echoed), hashed with
 * bcrypt in a 0600 file under a 0700 folder, every change audited; without a console or the variable it
 * says what to do.
 */
class UserCommandTest {

    @TempDir
    Path data;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(Map<String, String> env, String... args) {
        return UserCommand.run(args, env, () -> null, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void addsListsAndRemovesUsersAndAuditsEachChange() throws Exception {
        Map<String, String> env = Map.of(UserCommand.PASSWORD_VARIABLE, "li-password-1");
        assertEquals(0, run(env, "add", "li", "--role", "operator", "--data", data.toString()), err.toString());
        UsersFile users = new UsersFile(data);
        UserAccount li = users.find("li").orElseThrow();
        assertEquals(Role.OPERATOR, li.role());
        assertTrue(li.passwordHash().startsWith("{bcrypt}"), li.passwordHash());
        assertTrue(UsersFile.encoder().matches("li-password-1", li.passwordHash()));
        String file = Files.readString(users.file());
        assertFalse(file.contains("li-password-1") || out.toString().contains("li-password-1"), "never in clear");
        if (PrivateFiles.posix()) {
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(users.file())));
            assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(
                    users.file().getParent())));
        }

        assertEquals(0, run(env, "add", "li", "--role", "engineer", "--data", data.toString()));
        assertEquals(0, run(env, "list", "--data", data.toString()));
        assertTrue(out.toString().contains("li engineer"), out.toString());
        assertEquals(0, run(env, "remove", "li", "--data", data.toString()));
        assertEquals(1, run(env, "remove", "li", "--data", data.toString()));
        assertTrue(users.find("li").isEmpty());

        List<String> actions = new AuditLog(data).read(new AuditQuery(null, null, null, "user.", null, 0, 10)).entries()
                .stream().map(e -> e.action() + " " + e.target() + " " + e.address()).toList();
        assertEquals(List.of("user.remove li console", "user.change li console", "user.add li console"), actions);
    }

    @Test
    void refusesWithoutAPasswordSourceAShortPasswordAndAnUnknownRole() {
        assertEquals(2, run(Map.of(), "add", "li", "--role", "operator", "--data", data.toString()));
        assertTrue(err.toString().contains(UserCommand.PASSWORD_VARIABLE), err.toString());
        assertEquals(2, run(Map.of(UserCommand.PASSWORD_VARIABLE, "short"), "add", "li", "--role", "operator",
                "--data", data.toString()));
        assertTrue(err.toString().contains("at least 8 characters"), err.toString());
        assertEquals(2, run(Map.of(UserCommand.PASSWORD_VARIABLE, "long-enough"), "add", "li", "--role", "boss",
                "--data", data.toString()));
        assertTrue(err.toString().contains("expected viewer, operator, engineer or admin"), err.toString());
    }
}
