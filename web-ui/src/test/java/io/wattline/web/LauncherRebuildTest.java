package io.wattline.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real {@code ./wattline} launcher in a copy of the install folder, with {@code mvn} and
 * {@code java} replaced by scripts that only record their calls (building for real takes minutes):
 * a plant file, a profile folder or data newer than the jar start it without a build; a newer
 * source file or pom rebuilds first.
 */
class LauncherRebuildTest {

    private static final FileTime JAR_TIME = FileTime.from(Instant.parse("2026-01-01T00:00:00Z"));
    private static final FileTime LATER = FileTime.from(Instant.parse("2026-01-02T00:00:00Z"));

    @TempDir
    Path root;
    private Path calls;

    @BeforeEach
    void installFolder() throws IOException {
        Files.copy(Path.of("..", "wattline"), root.resolve("wattline"));
        Files.writeString(root.resolve("pom.xml"), """
                <project>
                  <modules>
                    <module>core</module>
                    <module>web-ui</module>
                  </modules>
                </project>
                """);
        for (String module : List.of("core", "web-ui")) {
            Files.writeString(Files.createDirectories(root.resolve(module)).resolve("pom.xml"), "<project/>");
            Path source = Files.createDirectories(root.resolve(module + "/src/main/java")).resolve("A.java");
            Files.writeString(source, "class A { }");
            Files.setLastModifiedTime(source, JAR_TIME);
            Files.setLastModifiedTime(root.resolve(module + "/pom.xml"), JAR_TIME);
        }
        Files.setLastModifiedTime(root.resolve("pom.xml"), JAR_TIME);
        Path jar = Files.createDirectories(root.resolve("web-ui/target")).resolve("wattline.jar");
        Files.writeString(jar, "not a real jar");
        Files.setLastModifiedTime(jar, LATER);
        calls = root.resolve("calls.log");
        Path bin = Files.createDirectories(root.resolve("bin"));
        for (String tool : List.of("mvn", "java")) {
            Path script = bin.resolve(tool);
            Files.writeString(script, "#!/bin/sh\necho \"" + tool + " $*\" >> '" + calls + "'\n");
            Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
    }

    @Test
    void plantFilesProfilesAndDataNewerThanTheJarDoNotRebuild() throws Exception {
        touch("plant.yaml", "schemaVersion: 1\n");
        touch("site-profiles/acme/em100.yaml", "vendor: acme\n");
        touch("data/historian.duckdb", "");
        touch("web-ui/README.md", "notes\n");

        List<String> logged = launch("validate", "plant.yaml");

        assertEquals(1, logged.size(), "only java ran: " + logged);
        assertTrue(logged.get(0).startsWith("java ") && logged.get(0).endsWith("validate plant.yaml"), logged.get(0));
    }

    @Test
    void aNewerSourceFileRebuildsFirst() throws Exception {
        touch("core/src/main/java/B.java", "class B { }");

        List<String> logged = launch("validate", "plant.yaml");

        assertEquals(2, logged.size(), logged.toString());
        assertTrue(logged.get(0).startsWith("mvn ") && logged.get(0).contains("package"), logged.get(0));
        assertTrue(logged.get(1).startsWith("java "), logged.get(1));
    }

    @Test
    void aNewerPomRebuildsFirst() throws Exception {
        Files.setLastModifiedTime(root.resolve("web-ui/pom.xml"), FileTime.from(Instant.parse("2026-01-03T00:00:00Z")));

        List<String> logged = launch("validate", "plant.yaml");

        assertTrue(logged.get(0).startsWith("mvn "), logged.toString());
    }

    /** A JVM that does what the launcher asks: extracts the jar and writes the archive at exit. */
    private void javaThatMakesArchives() throws IOException {
        Path script = root.resolve("bin/java");
        Files.writeString(script, "#!/bin/sh\necho \"java $*\" >> '" + calls + "'\n"
                + "for a in \"$@\"; do case \"$a\" in -XX:ArchiveClassesAtExit=*) echo archive > \"${a#-XX:ArchiveClassesAtExit=}\";; esac; done\n"
                + "if [ \"$1\" = -Djarmode=tools ]; then mkdir -p \"$6\" && echo jar > \"$6/wattline.jar\"; fi\n");
    }

    @Test
    void theFirstDemoAfterABuildMakesTheClassDataArchiveOnceAndRunsWithIt() throws Exception {
        javaThatMakesArchives();

        List<String> first = launch("demo");

        assertEquals(4, first.size(), "extract, training run, check, demo: " + first);
        assertTrue(first.get(0).contains("-Djarmode=tools -jar " + root.resolve("web-ui/target/wattline.jar") + " extract"),
                first.get(0));
        String extracted = root.resolve("web-ui/target/app/wattline.jar").toString();
        assertTrue(first.get(0).endsWith("extract --destination " + root.resolve("web-ui/target/app")),
                "extracted where it runs (Java 17 refuses an archive whose jars moved): " + first.get(0));
        assertTrue(first.get(1).contains("-XX:ArchiveClassesAtExit=") && first.get(1).contains("-Dwattline.training-run=true")
                && first.get(1).contains("-jar " + extracted + " demo --port 0 --opcua-port 0 --data "),
                "the training run, on the jar where it will run: " + first.get(1));
        assertTrue(first.get(2).contains("-Xshare:on") && first.get(2).endsWith("-jar " + extracted + " help"),
                "the new archive is checked by a JVM that must map it: " + first.get(2));
        String archive = root.resolve("web-ui/target/app/wattline.jsa").toString();
        assertTrue(first.get(3).contains("-XX:SharedArchiveFile=" + archive) && first.get(3).contains("-Xshare:auto")
                && first.get(3).endsWith("-jar " + extracted + " demo"),
                "the demo runs the extracted jar with its archive: " + first.get(3));
        assertTrue(Files.isRegularFile(Path.of(archive)), "the archive is kept next to the jar");

        Files.delete(calls);
        List<String> second = launch("demo");
        assertEquals(1, second.size(), "made once per build: " + second);
        assertTrue(second.get(0).contains("-XX:SharedArchiveFile=" + archive), second.get(0));
    }

    @Test
    void aJvmThatMakesNoArchiveRunsThePlainJarAndSoDoesCdsOff() throws Exception {
        List<String> refused = launch("demo");

        assertEquals(3, refused.size(), "extract, training run, demo: " + refused);
        assertTrue(refused.get(2).endsWith("-jar " + root.resolve("web-ui/target/wattline.jar") + " demo")
                && !refused.get(2).contains("SharedArchiveFile"), "no archive: the executable jar, " + refused.get(2));

        Files.delete(calls);
        List<String> again = launch("demo");
        assertEquals(1, again.size(), "refused once per build, not tried at every start: " + again);

        javaThatMakesArchives();
        Files.delete(calls);
        List<String> off = launch(Map.of("WATTLINE_CDS", "off"), "demo");
        assertEquals(1, off.size(), "WATTLINE_CDS=off makes no archive: " + off);
        assertTrue(off.get(0).endsWith("-jar " + root.resolve("web-ui/target/wattline.jar") + " demo"), off.get(0));
    }

    /** An archive the JVM writes but then refuses to map (its jars moved, another JVM build) is not kept. */
    @Test
    void anArchiveTheJvmCannotMapIsNotKept() throws Exception {
        javaThatMakesArchives();
        Path script = root.resolve("bin/java");
        Files.writeString(script, Files.readString(script)
                + "for a in \"$@\"; do [ \"$a\" = -Xshare:on ] && exit 1; done\nexit 0\n");

        List<String> refused = launch("demo");

        assertEquals(4, refused.size(), "extract, training run, check, demo: " + refused);
        assertTrue(refused.get(3).endsWith("-jar " + root.resolve("web-ui/target/wattline.jar") + " demo")
                && !refused.get(3).contains("SharedArchiveFile"), "the executable jar: " + refused.get(3));
        assertTrue(!Files.exists(root.resolve("web-ui/target/app/wattline.jsa")), "no archive kept");
    }

    private void touch(String relative, String content) throws IOException {
        Path file = root.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
        Files.setLastModifiedTime(file, FileTime.from(Instant.parse("2026-01-03T00:00:00Z")));
    }

    private List<String> launch(String... args) throws Exception {
        return launch(Map.of(), args);
    }

    private List<String> launch(Map<String, String> extraEnv, String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of("bash", root.resolve("wattline").toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(root.toFile()).redirectErrorStream(true);
        Map<String, String> env = builder.environment();
        env.put("PATH", root.resolve("bin") + ":/usr/bin:/bin");
        env.remove("WATTLINE_CDS");
        env.remove("WATTLINE_JAVA_OPTS");
        env.putAll(extraEnv);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes());
        assertTrue(process.waitFor(30, TimeUnit.SECONDS), "launcher did not finish: " + output);
        assertEquals(0, process.exitValue(), output);
        return Files.exists(calls) ? Files.readAllLines(calls) : List.of();
    }
}
