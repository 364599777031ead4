package io.wattline.alarms.state;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The ISA-18.2 state diagram, transition by transition. */
class AlarmStateTest {

    @ParameterizedTest(name = "{0} --{1}--> {2}")
    @CsvSource({
            "NORMAL, activate, UNACKNOWLEDGED",
            "NORMAL, clear, NORMAL",
            "NORMAL, ack, NORMAL",
            "UNACKNOWLEDGED, activate, UNACKNOWLEDGED",
            "UNACKNOWLEDGED, ack, ACKNOWLEDGED",
            "UNACKNOWLEDGED, clear, RTN_UNACKNOWLEDGED",
            "ACKNOWLEDGED, clear, NORMAL",
            "ACKNOWLEDGED, ack, ACKNOWLEDGED",
            "ACKNOWLEDGED, activate, ACKNOWLEDGED",
            "RTN_UNACKNOWLEDGED, ack, NORMAL",
            "RTN_UNACKNOWLEDGED, activate, UNACKNOWLEDGED",
            "RTN_UNACKNOWLEDGED, clear, RTN_UNACKNOWLEDGED",
    })
    void transitions(AlarmState from, String event, AlarmState to) {
        AlarmState next = switch (event) {
            case "activate" -> from.onActivated();
            case "clear" -> from.onCleared();
            case "ack" -> from.onAcknowledged();
            default -> throw new IllegalArgumentException(event);
        };
        assertEquals(to, next);
    }
}
