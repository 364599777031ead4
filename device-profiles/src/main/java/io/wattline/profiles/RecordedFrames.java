package io.wattline.profiles;

import io.wattline.profiles.codec.ModbusFrames;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import io.wattline.profiles.yaml.ValidationError;
import io.wattline.profiles.yaml.YamlDocument;
import io.wattline.profiles.yaml.YamlSyntaxException;
import tools.jackson.databind.JsonNode;

/**
 * The recorded request/response frames of one profile ({@code <model>.frames.yaml}) and the
 * engineering values they must decode to; {@link FrameVerifier} runs them.
 */
public record RecordedFrames(String profileId, String file, List<Case> cases) {

    /** Where a frame comes from; said honestly in every case. */
    public enum Origin {
        /** Printed in the device's manual. */
        MANUAL_EXAMPLE,
        /** From a published capture or emulator (cited). */
        PUBLIC_CAPTURE,
        /** Encoded by us from the manual's register table. */
        CONSTRUCTED
    }

    /**
     * One exchange. {@code expected} maps point names to engineering values; when
     * {@code expectedException} is non-zero the response must be that Modbus exception instead.
     *
     * @param variant the variant of the profile's map the case is decoded with; null for the profile's own
     */
    public record Case(String name, Origin origin, String citation, int unitId, byte[] request, byte[] response,
            Map<String, Double> expected, int expectedException, int line, String variant) {

        /** A case of the profile's own map. */
        public Case(String name, Origin origin, String citation, int unitId, byte[] request, byte[] response,
                Map<String, Double> expected, int expectedException, int line) {
            this(name, origin, citation, unitId, request, response, expected, expectedException, line, null);
        }
    }

    private static final Set<String> CASE_FIELDS = Set.of("name", "origin", "citation", "note", "unitId",
            "request", "response", "expect", "expectException", "variant");

    public RecordedFrames {
        cases = List.copyOf(cases);
    }

    /** Parses a frames file; every problem names file, line and field. */
    public static RecordedFrames parse(String profileId, String file, String yamlText) {
        YamlDocument doc;
        try {
            doc = YamlDocument.parse(file, yamlText);
        } catch (YamlSyntaxException e) {
            throw new ProfileException(List.of(e.error()));
        }
        JsonNode root = doc.root();
        List<ValidationError> problems = new ArrayList<>(doc.problems());
        List<Case> cases = new ArrayList<>();
        if (root == null || !root.isObject() || !root.has("cases") || !root.get("cases").isArray()) {
            problems.add(doc.error("/cases", "expected a mapping with a list 'cases'"));
        } else {
            if (root.has("profile") && !profileId.equals(root.get("profile").asString())) {
                problems.add(doc.error("/profile", "expected '" + profileId + "' (the profile next to this file), got '" + root.get("profile").asString() + "'"));
            }
            JsonNode list = root.get("cases");
            for (int i = 0; i < list.size(); i++) {
                String at = "/cases/" + i;
                int before = problems.size();
                JsonNode c = list.get(i);
                for (String field : c.propertyNames()) {
                    if (!CASE_FIELDS.contains(field)) {
                        problems.add(doc.error(at + "/" + field, "unknown field; expected one of " + CASE_FIELDS));
                    }
                }
                Origin origin = null;
                String o = c.path("origin").asString("");
                try {
                    origin = Origin.valueOf(o.toUpperCase(java.util.Locale.ROOT).replace('-', '_'));
                } catch (IllegalArgumentException e) {
                    problems.add(doc.error(at + "/origin", "expected manual-example, public-capture or constructed, got '" + o + "'"));
                }
                String citation = c.path("citation").asString("");
                if (origin != null && origin != Origin.CONSTRUCTED && citation.isBlank()) {
                    problems.add(doc.error(at + "/citation", "a " + o + " frame must cite where it was printed or published"));
                }
                byte[] request = bytes(c, at, "request", doc, problems);
                byte[] response = bytes(c, at, "response", doc, problems);
                Map<String, Double> expected = new LinkedHashMap<>();
                JsonNode expect = c.get("expect");
                if (expect != null && expect.isObject()) {
                    for (Map.Entry<String, JsonNode> e : expect.properties()) {
                        if (!e.getValue().isNumber()) {
                            problems.add(doc.error(at + "/expect/" + e.getKey(), "expected a number (the engineering value)"));
                        } else {
                            expected.put(e.getKey(), e.getValue().asDouble());
                        }
                    }
                }
                int exception = c.path("expectException").asInt(0);
                if (expected.isEmpty() && exception == 0) {
                    problems.add(doc.error(at + "/expect", "expected point values (expect:) or a Modbus exception code (expectException:)"));
                }
                if (problems.size() == before) {
                    cases.add(new Case(c.path("name").asString("case " + i), origin, citation,
                            c.path("unitId").asInt(request[0] & 0xFF), request, response, expected, exception,
                            doc.lineOf(at), c.has("variant") ? c.get("variant").asString() : null));
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new ProfileException(problems);
        }
        return new RecordedFrames(profileId, file, cases);
    }

    private static byte[] bytes(JsonNode c, String at, String field, YamlDocument doc, List<ValidationError> problems) {
        String text = c.path(field).asString("");
        try {
            byte[] b = ModbusFrames.hex(text);
            if (b.length == 0) {
                throw new IllegalArgumentException("empty");
            }
            return b;
        } catch (IllegalArgumentException e) {
            problems.add(doc.error(at + "/" + field, "expected the frame as hex bytes (e.g. \"01 03 00 00 00 0A C5 CD\"): " + e.getMessage()));
            return new byte[1];
        }
    }
}
