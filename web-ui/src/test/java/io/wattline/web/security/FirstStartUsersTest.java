package io.wattline.web.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wattline.core.audit.AuditTrail;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** No default password: the first start makes admin with a one-time password shown once, or the environment's. */
class FirstStartUsersTest {

    @TempDir
    Path data;

    @Test
    void firstRunPrintsAOneTimeAdminPasswordOnce() {
        UsersFile users = new UsersFile(data);
        FirstStartUsers first = new FirstStartUsers(users, AuditTrail.NONE, Clock.systemUTC());
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        first.ensureUsers(false, null, new PrintStream(console, true, StandardCharsets.UTF_8));
        Matcher m = Pattern.compile("one-time password (\\S+) ").matcher(console.toString(StandardCharsets.UTF_8));
        assertTrue(m.find(), console.toString(StandardCharsets.UTF_8));
        UserAccount admin = users.find("admin").orElseThrow();
        assertEquals(Role.ADMIN, admin.role());
        assertTrue(UsersFile.encoder().matches(m.group(1), admin.passwordHash()));

        ByteArrayOutputStream again = new ByteArrayOutputStream();
        first.ensureUsers(false, null, new PrintStream(again, true, StandardCharsets.UTF_8));
        assertEquals("", again.toString(StandardCharsets.UTF_8), "shown only once");
    }

    @Test
    void takesTheAdminPasswordFromTheEnvironmentAndTheDemoMakesItsDocumentedUser() {
        UsersFile users = new UsersFile(data.resolve("run"));
        new FirstStartUsers(users, AuditTrail.NONE, Clock.systemUTC()).ensureUsers(false, "from-the-environment",
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        assertTrue(UsersFile.encoder().matches("from-the-environment", users.find("admin").orElseThrow().passwordHash()));

        UsersFile demo = new UsersFile(data.resolve("demo"));
        new FirstStartUsers(demo, AuditTrail.NONE, Clock.systemUTC()).ensureUsers(true, null,
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        assertTrue(UsersFile.encoder().matches(FirstStartUsers.DEMO_PASSWORD,
                demo.find(FirstStartUsers.DEMO_USER).orElseThrow().passwordHash()));
    }

    /** The application hashes the first user while its context is built and waits for it before serving. */
    @Test
    void inTheBackgroundTheUserExistsOnceAwaitedAndAFailureIsRethrown() throws Exception {
        UsersFile demo = new UsersFile(data.resolve("background"));
        FirstStartUsers first = new FirstStartUsers(demo, AuditTrail.NONE, Clock.systemUTC());
        first.ensureUsersInBackground(true, null, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        first.awaitUsers();
        assertTrue(UsersFile.encoder().matches(FirstStartUsers.DEMO_PASSWORD,
                demo.find(FirstStartUsers.DEMO_USER).orElseThrow().passwordHash()));

        java.nio.file.Path notADirectory = java.nio.file.Files.writeString(data.resolve("a-file"), "x");
        FirstStartUsers broken = new FirstStartUsers(new UsersFile(notADirectory), AuditTrail.NONE, Clock.systemUTC());
        broken.ensureUsersInBackground(true, null, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        org.junit.jupiter.api.Assertions.assertThrows(RuntimeException.class, broken::awaitUsers,
                "a data directory where the first user cannot be written stops the start");
    }
}
