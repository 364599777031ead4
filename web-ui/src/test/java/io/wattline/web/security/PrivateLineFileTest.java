package io.wattline.web.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wattline.core.files.PrivateFiles;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The file behind the users and the API tokens: written 0600 in a 0700 folder in the order of its
 * records, read again when another process rewrites it, a broken line named by file and line.
 */
class PrivateLineFileTest {

    @TempDir
    Path dir;

    private record Pair(String name, int value) {
    }

    private PrivateLineFile<Pair> file() {
        return new PrivateLineFile<>(dir.resolve("secret").resolve("pairs"), "pairs file", "name value", f -> {
            if (f.length != 2) {
                throw new IllegalArgumentException("expected 'name value'");
            }
            return new Pair(f[0], Integer.parseInt(f[1]));
        }, p -> p.name() + " " + p.value());
    }

    @Test
    void writesPrivatelyInRecordOrderAndRemoves() throws Exception {
        PrivateLineFile<Pair> pairs = file();
        assertTrue(pairs.records().isEmpty(), "no file, no records");
        pairs.put("zeta", new Pair("zeta", 1));
        pairs.put("alpha", new Pair("alpha", 2));
        pairs.put("zeta", new Pair("zeta", 3));
        assertEquals(List.of("# name value", "zeta 3", "alpha 2"), Files.readAllLines(pairs.file()));
        if (PrivateFiles.posix()) {
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(pairs.file())));
            assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(
                    pairs.file().getParent())));
        }
        assertTrue(pairs.remove("zeta"));
        assertFalse(pairs.remove("zeta"));
        assertEquals(List.of(new Pair("alpha", 2)), List.copyOf(file().records().values()), "a fresh reader");
    }

    @Test
    void readsAgainWhatAnotherProcessWroteAndNamesABrokenLine() throws Exception {
        PrivateLineFile<Pair> server = file();
        file().put("a", new Pair("a", 1));
        assertEquals(1, server.records().get("a").value());
        // the same modification time is possible within the file system's granularity: the size differs
        Files.writeString(server.file(), "# by hand\n\na 10\nb 2\n", StandardCharsets.UTF_8);
        assertEquals(List.of(new Pair("a", 10), new Pair("b", 2)), List.copyOf(server.records().values()));

        Files.writeString(server.file(), "a 1\nb two\nc\n", StandardCharsets.UTF_8);
        IllegalStateException broken = assertThrows(IllegalStateException.class, server::records);
        String message = broken.getMessage();
        assertTrue(message.startsWith("the pairs file is broken: "), message);
        assertTrue(message.contains(server.file() + ":2: ") && message.contains(server.file() + ":3: expected"
                + " 'name value'"), message);
        assertTrue(message.contains("请修正"), "says what to do in both languages: " + message);
    }
}
