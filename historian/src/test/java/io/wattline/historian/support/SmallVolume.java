package io.wattline.historian.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A real small file system (tmpfs) for disk-full tests: mounted when the test runs as root, skipped
 * with a message otherwise, and failing instead of skipping under {@code CI=true}.
 */
public final class SmallVolume implements AutoCloseable {

    private final Path mount;

    private SmallVolume(Path mount) {
        this.mount = mount;
    }

    /** Mounts a tmpfs of {@code megabytes} at {@code mount} (created). */
    public static SmallVolume mount(Path mount, int megabytes) throws Exception {
        Files.createDirectories(mount);
        Result result = run("mount", "-t", "tmpfs", "-o", "size=" + megabytes + "m", "tmpfs", mount.toString());
        if (result.exit != 0) {
            String why = "needs root to mount a " + megabytes + " MB tmpfs (mount -t tmpfs): " + result.output.strip();
            if ("true".equals(System.getenv("CI"))) {
                fail(why);
            }
            assumeTrue(false, why + "; skipped");
        }
        return new SmallVolume(mount);
    }

    public Path path() {
        return mount;
    }

    /** Grows or shrinks the volume in place (the files stay). */
    public void resize(int megabytes) throws Exception {
        Result result = run("mount", "-o", "remount,size=" + megabytes + "m", mount.toString());
        assertEquals(0, result.exit, "remount: " + result.output);
    }

    /** Fills the volume to the last byte with a ballast file; {@link #freeBallast()} removes it. */
    public void fillWithBallast() throws IOException {
        Path ballast = mount.resolve("ballast");
        byte[] block = new byte[64 * 1024];
        try (var out = Files.newOutputStream(ballast)) {
            while (true) {
                out.write(block);
            }
        } catch (IOException full) {
            // "No space left on device": that is the point
        }
        try (var out = Files.newOutputStream(ballast, java.nio.file.StandardOpenOption.APPEND)) {
            while (true) {
                out.write(1);
            }
        } catch (IOException full) {
            // the last bytes too
        }
    }

    public void freeBallast() throws IOException {
        Files.deleteIfExists(mount.resolve("ballast"));
    }

    @Override
    public void close() throws Exception {
        run("umount", "-l", mount.toString());
    }

    private record Result(int exit, String output) {
    }

    private static Result run(String... command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Result(process.waitFor(), output);
    }
}
