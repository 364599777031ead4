package io.wattline.profiles;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wattline.profiles.codec.ModbusFrames;
import io.wattline.profiles.codec.ReadRequest;
import io.wattline.profiles.codec.RegisterCodec;
import io.wattline.profiles.yaml.ValidationError;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * The recorded-frames suite: every shipped profile's frames decode to their recorded values, and
 * a profile with a wrong word order fails it.
 */
class ProfileFramesTest {

    private static final Path SHIPPED = Path.of("src/main/resources/profiles");

    @TestFactory
    Stream<DynamicNode> everyRecordedFrameDecodesToItsRecordedValues() {
        ProfileCatalog catalog = ProfileCatalog.builtIn();
        return catalog.all().stream().map(profile -> {
            RecordedFrames frames = catalog.frames(profile.id()).orElseThrow(
                    () -> new AssertionError(profile.id() + " has no frames file"));
            List<DynamicNode> tests = new ArrayList<>();
            for (int i = 0; i < frames.cases().size(); i++) {
                RecordedFrames.Case c = frames.cases().get(i);
                // A case of a variant decodes with the variant's map (chint/dtsu666@energy-101e).
                DeviceProfile map = c.variant() == null ? profile : catalog.require(profile.id() + "@" + c.variant());
                tests.add(DynamicTest.dynamicTest(c.origin() + ": " + c.name(), () -> decodeAndCompare(map, c)));
            }
            tests.add(DynamicTest.dynamicTest("frames cover every point and every variant's points, and pass the verifier",
                    () -> {
                        List<ValidationError> problems = ProfileCatalog.verifyFrames(
                                catalog.model(profile.id()).orElseThrow(), frames);
                        assertTrue(problems.isEmpty(),
                                () -> String.join("\n", problems.stream().map(Object::toString).toList()));
                    }));
            tests.add(DynamicTest.dynamicTest("at least two frames", () -> assertTrue(frames.cases().size() >= 2)));
            return DynamicContainer.dynamicContainer(profile.id(), tests);
        });
    }

    /** The three-line runner: parse the request, parse the response, decode each point, compare. */
    private static void decodeAndCompare(DeviceProfile profile, RecordedFrames.Case c) {
        ReadRequest request = ModbusFrames.parseRtuRequest(c.request());
        int[] registers = ModbusFrames.parseRtuRegisters(c.response(), request);
        assertFalse(c.expected().isEmpty(), "a case without expected values checks nothing");
        for (Map.Entry<String, Double> e : c.expected().entrySet()) {
            PointDefinition point = profile.point(e.getKey()).orElseThrow(
                    () -> new AssertionError("no point " + e.getKey() + " in " + profile.id()));
            assertEquals(request.function(), point.function(), point.name());
            double actual = RegisterCodec.decode(point, registers, point.address() - request.address());
            double tolerance = point.type() == DataType.FLOAT32 ? Math.abs(e.getValue()) * 1e-6 + 1e-9 : 1e-9;
            assertEquals(e.getValue(), actual, tolerance, profile.id() + " " + point.name() + " in '" + c.name() + "'");
        }
    }

    @Test
    void anUntouchedCopyPassesTheSuite(@TempDir Path dir) throws IOException {
        copyShippedProfiles(dir);
        ProfileCatalog copy = ProfileCatalog.load(dir);
        for (DeviceProfile p : copy.all()) {
            assertEquals(List.of(), FrameVerifier.verify(p, copy.frames(p.id()).orElseThrow()), p.id());
        }
    }

    @Test
    void aWrongWordOrderMakesTheSuiteFail(@TempDir Path dir) throws IOException {
        copyShippedProfiles(dir);
        Path flow = dir.resolve("xylem/magflux.yaml");
        Files.writeString(flow, Files.readString(flow).replace("wordOrder: CDAB", "wordOrder: ABCD"));
        Path meter = dir.resolve("chint/dtsu666.yaml");
        Files.writeString(meter, Files.readString(meter).replace("wordOrder: ABCD", "wordOrder: CDAB"));

        ProfileCatalog copy = ProfileCatalog.load(dir);
        for (String id : List.of("xylem/magflux", "chint/dtsu666")) {
            DeviceProfile broken = copy.require(id);
            List<ValidationError> problems = FrameVerifier.verify(broken, copy.frames(id).orElseThrow());
            assertFalse(problems.isEmpty(), id + " with a swapped word order still passed its frames");
            assertTrue(problems.stream().anyMatch(p -> p.message().contains("decodes to")), problems.toString());
            // every multi-register point is now wrong, so none of them is covered any more
            for (PointDefinition p : broken.points()) {
                if (p.type().registerCount() > 1) {
                    assertTrue(problems.stream().anyMatch(e -> e.message().contains("'" + p.name() + "'")),
                            p.name() + " not reported: " + problems);
                }
            }
        }
        // the untouched profiles of the same copy still pass
        DeviceProfile sdm = copy.require("eastron/sdm630");
        assertEquals(List.of(), FrameVerifier.verify(sdm, copy.frames(sdm.id()).orElseThrow()));
    }

    @Test
    void everyShippedProfileFailsItsFramesWithTheOppositeWordOrder(@TempDir Path dir) throws IOException {
        copyShippedProfiles(dir);
        for (String id : ProfileCatalog.builtIn().ids()) {
            DeviceProfile shipped = ProfileCatalog.builtIn().require(id);
            if (shipped.points().stream().noneMatch(p -> p.type().registerCount() > 1)) {
                continue;   // one-register types have no word order to get wrong
            }
            Path file = dir.resolve(id + ".yaml");
            String original = Files.readString(file);
            String declared = original.lines().filter(l -> l.startsWith("wordOrder: ")).findFirst().orElseThrow();
            String swapped = declared.endsWith("ABCD") ? "wordOrder: CDAB" : "wordOrder: ABCD";
            Files.writeString(file, original.replace(declared, swapped));
            try {
                ProfileCatalog copy = ProfileCatalog.load(dir);
                List<ValidationError> problems = FrameVerifier.verify(copy.require(id), copy.frames(id).orElseThrow());
                assertTrue(problems.stream().anyMatch(p -> p.message().contains("decodes to")),
                        id + " still passes its frames with " + swapped + ": " + problems);
            } finally {
                Files.writeString(file, original);
            }
        }
    }

    private static void copyShippedProfiles(Path target) throws IOException {
        try (Stream<Path> walk = Files.walk(SHIPPED)) {
            for (Path p : walk.filter(Files::isRegularFile).toList()) {
                Path to = target.resolve(SHIPPED.relativize(p).toString());
                Files.createDirectories(to.getParent());
                Files.copy(p, to);
            }
        }
    }
}
