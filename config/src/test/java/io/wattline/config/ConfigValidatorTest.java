package io.wattline.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigValidatorTest {

    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8);

    @Test
    void validFileExitsZero() throws URISyntaxException {
        int status = ConfigValidator.run(TestProfiles.loader(), List.of(fixture("valid-small.yaml")), out);
        assertEquals(0, status, text());
        assertTrue(text().endsWith("valid-small.yaml: OK\n"), text());
    }

    @Test
    void invalidFilePrintsEveryErrorAsFileLineColumnAndExitsOne() throws URISyntaxException {
        Path file = fixture("three-errors.yaml");
        int status = ConfigValidator.run(TestProfiles.loader(), List.of(file), out);
        assertEquals(1, status);
        List<String> lines = text().lines().toList();
        assertEquals(4, lines.size(), text());
        assertTrue(lines.get(0).startsWith(file + ":21:5: connections[0].port: expected integer"), text());
        assertTrue(lines.get(1).startsWith(file + ":25:5: meters[0].profile: unknown profile"), text());
        assertTrue(lines.get(2).startsWith(file + ":27:5: meters[0].unitID: unknown field"), text());
        assertEquals(file + ": 3 errors", lines.get(3));
    }

    @Test
    void unreadableAndNonUtf8FilesAreErrorsNotCrashes(@TempDir Path dir) throws IOException {
        Path gbk = dir.resolve("gbk.yaml");
        Files.write(gbk, "plant:\n  name: 演示\n".getBytes("GBK"));
        Path missing = dir.resolve("missing.yaml");
        int status = ConfigValidator.run(TestProfiles.loader(), List.of(gbk, missing), out);
        assertEquals(1, status);
        assertTrue(text().contains(gbk + ":0:0: (root): not valid UTF-8 text"), text());
        assertTrue(text().contains(missing + ":0:0: (root): cannot read file"), text());
    }

    private static Path fixture(String name) throws URISyntaxException {
        return Path.of(ConfigValidatorTest.class.getClassLoader().getResource("config/" + name).toURI());
    }

    private String text() {
        return printed.toString(StandardCharsets.UTF_8);
    }
}
