package io.wattline.web.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.wattline.core.audit.AuditTrail;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;

/**
 * The hash an unknown user's password is checked against (so that an unknown name costs as long as a
 * wrong password) is a constant: of the users file's kind and cost, and nothing ever matches it.
 */
class DummyHashTest {

    @TempDir
    Path data;

    @Test
    void hasTheKindAndCostOfTheUsersFileHashes() {
        String fresh = UsersFile.encoder().encode("any password");
        // "{bcrypt}$2a$10$": the encoder's id, bcrypt's version and its cost, as the users file writes them
        assertEquals(fresh.substring(0, "{bcrypt}$2a$10$".length()),
                PasswordAuthenticationManager.DUMMY_HASH.substring(0, "{bcrypt}$2a$10$".length()));
        assertEquals(fresh.length(), PasswordAuthenticationManager.DUMMY_HASH.length());
    }

    @Test
    void noPasswordMatchesItAndAnUnknownUserIsRefused() {
        for (String password : List.of("", "demo", "admin", "not a password of anyone")) {
            assertFalse(UsersFile.encoder().matches(password, PasswordAuthenticationManager.DUMMY_HASH), password);
        }
        PasswordAuthenticationManager manager = new PasswordAuthenticationManager(new UsersFile(data),
                new LoginThrottle(Clock.systemUTC()), AuditTrail.NONE, Clock.systemUTC(), true);
        assertThrows(BadCredentialsException.class, () -> manager.authenticate(
                UsernamePasswordAuthenticationToken.unauthenticated("nobody", "demo")).block());
    }
}
