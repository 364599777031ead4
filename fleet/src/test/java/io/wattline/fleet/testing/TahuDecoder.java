package io.wattline.fleet.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * The independent Sparkplug B decoder: Eclipse Tahu's JavaScript {@code sparkplug-payload}
 * (protobufjs code generated from the published {@code sparkplug_b.proto}), installed from the npm
 * registry into {@code target/tahu} once per clean build and run under Node.
 */
public final class TahuDecoder {

    /** A message as it crossed (or would cross) the broker. */
    public record Wire(String topic, int qos, boolean retain, byte[] payload) {
    }

    private static final Path SOURCE = Path.of("src/test/tahu");
    private static final Path WORK = Path.of("target/tahu");

    private TahuDecoder() {
    }

    public static void requireInstalled() throws IOException, InterruptedException {
        Peers.require(Peers.onPath("node") && Peers.onPath("npm"),
                "Node.js and npm are needed for the Sparkplug conformance check (apt-get install nodejs npm)");
        Files.createDirectories(WORK);
        for (String f : List.of("package.json", "decode.js")) {
            Files.copy(SOURCE.resolve(f), WORK.resolve(f), StandardCopyOption.REPLACE_EXISTING);
        }
        if (Files.isDirectory(WORK.resolve("node_modules/sparkplug-payload"))) {
            return;
        }
        Process npm = new ProcessBuilder("npm", "install", "--no-audit", "--no-fund", "--silent")
                .directory(WORK.toFile()).redirectErrorStream(true).start();
        boolean done = npm.waitFor(240, TimeUnit.SECONDS);
        String output = new String(npm.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!done) {
            npm.destroyForcibly();
        }
        Peers.require(done && npm.exitValue() == 0,
                "npm could not install sparkplug-payload into " + WORK + " (needs the npm registry):\n" + output);
    }

    /** Decodes every message; element i of the answer is {topic, qos, retain, raw, tahu} of message i. */
    public static JsonNode decode(List<Wire> messages) throws IOException, InterruptedException {
        requireInstalled();
        StringBuilder in = new StringBuilder();
        for (Wire m : messages) {
            in.append(m.topic()).append(' ').append(m.qos()).append(' ').append(m.retain()).append(' ')
                    .append(Base64.getEncoder().encodeToString(m.payload())).append('\n');
        }
        Process node = new ProcessBuilder("node", "decode.js").directory(WORK.toFile()).start();
        node.getOutputStream().write(in.toString().getBytes(StandardCharsets.UTF_8));
        node.getOutputStream().close();
        byte[] out = node.getInputStream().readAllBytes();
        String err = new String(node.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!node.waitFor(60, TimeUnit.SECONDS) || node.exitValue() != 0) {
            throw new IOException("Tahu's decoder failed: " + err);
        }
        return new ObjectMapper().readTree(out);
    }
}
