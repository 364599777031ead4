package io.wattline.profiles;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wattline.profiles.yaml.ValidationError;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The frames file format: honest origins, located errors, and what the verifier refuses. */
class RecordedFramesTest {

    private static final String TRS = "simex/trs-02a";

    @Test
    void manualExamplesMustCiteTheirPage() {
        String text = """
                profile: simex/trs-02a
                cases:
                  - name: "uncited"
                    origin: manual-example
                    request: "01 03 00 01 00 02 95 CB"
                    response: "01 03 04 00 C1 00 00 AB CF"
                    expect: { temperature: 19.3 }
                  - name: "unknown origin"
                    origin: folklore
                    request: "01 03 00 01 00 02 95 CB"
                    response: "01 03 04 00 C1 00 00 AB CF"
                    expect: { temperature: 19.3 }
                """;
        ProfileException e = assertThrows(ProfileException.class, () -> RecordedFrames.parse(TRS, "t.frames.yaml", text));
        assertEquals(2, e.problems().size(), e.getMessage());
        assertEquals("cases[0].citation", e.problems().get(0).field());
        assertEquals(3, e.problems().get(0).line());
        assertEquals("cases[1].origin", e.problems().get(1).field());
        assertEquals(9, e.problems().get(1).line());
    }

    @Test
    void theVerifierReportsWrongValuesBadCrcsAndReadsOutsideTheProfile() {
        String text = """
                profile: simex/trs-02a
                cases:
                  - name: "wrong value"
                    origin: constructed
                    request: "01 03 00 01 00 02 95 CB"
                    response: "01 03 04 00 C1 00 00 AB CF"
                    expect: { temperature: 19.4 }
                  - name: "bad crc"
                    origin: constructed
                    request: "01 03 00 01 00 02 95 CB"
                    response: "01 03 04 00 C1 00 00 AB CE"
                    expect: { temperature: 19.3 }
                  - name: "too many registers"
                    origin: constructed
                    request: "01 03 00 01 00 06 94 08"
                    response: "01 03 0C 00 C1 00 00 00 01 00 00 00 00 00 00 00 0F 23"
                    expect: { temperature: 19.3 }
                """;
        DeviceProfile profile = ProfileCatalog.builtIn().require(TRS);
        List<ValidationError> problems = FrameVerifier.verify(profile, RecordedFrames.parse(TRS, "t.frames.yaml", text));
        assertTrue(problems.stream().anyMatch(p -> p.field().equals("cases[0].expect.temperature")
                && p.message().contains("decodes to 19.3")), problems.toString());
        assertTrue(problems.stream().anyMatch(p -> p.field().equals("cases[1].response")
                && p.message().contains("BAD_CRC")), problems.toString());
        assertTrue(problems.stream().anyMatch(p -> p.field().equals("cases[2].request")
                && p.message().contains("allows 5")), problems.toString());
        // the points no case decodes correctly are listed as uncovered
        assertTrue(problems.stream().anyMatch(p -> p.message().contains("'measurement_status' is checked by no case")));
    }
}
