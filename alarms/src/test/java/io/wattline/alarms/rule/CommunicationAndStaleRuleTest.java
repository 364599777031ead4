package io.wattline.alarms.rule;

import static io.wattline.alarms.TestPlant.LINE1_POWER;
import static io.wattline.alarms.TestPlant.at;
import static io.wattline.alarms.TestPlant.basics;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.wattline.alarms.TestPlant;
import io.wattline.core.Sample;
import io.wattline.core.alarm.AlarmRuleSettings;
import io.wattline.core.device.DeviceHealth;
import io.wattline.core.device.DeviceState;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Communication loss from device health, whatever the protocol; stale values from the clock. */
class CommunicationAndStaleRuleTest {

    @ParameterizedTest(name = "{0} → lost {1}")
    @CsvSource({"ONLINE, false", "DEGRADED, false", "OFFLINE, true", "DISABLED, true"})
    void healthStates(DeviceState state, boolean lost) {
        AlarmRule rule = TestPlant.rule(new AlarmRuleSettings.CommunicationLoss(basics("comm", "high"), List.of()));
        List<Observation> seen = new ArrayList<>();
        rule.onHealth(health("line2-m", state), seen);
        assertEquals(List.of(new Observation("comm/line2-m", lost, null, null)), seen);
    }

    @Test
    void aDeviceNotYetAskedIsNotLostButItsFirstFailureIs() {
        AlarmRule rule = TestPlant.rule(new AlarmRuleSettings.CommunicationLoss(basics("comm", "high"), List.of()));
        List<Observation> seen = new ArrayList<>();
        // at start every device is OFFLINE until its first request has an outcome
        rule.onHealth(new DeviceHealth("line2-m", "c1", 1, DeviceState.OFFLINE, null, null, null, null, null, null, 0,
                null, 0, 0), seen);
        assertEquals(List.of(), seen);
        // an OPC UA connection whose first connect failed: no request counted, but an error with its time
        rule.onHealth(new DeviceHealth("line2-m", "c1", 1, DeviceState.OFFLINE, null, null, null, "connection refused",
                at(0, 9, 0), null, 1, null, 0, 0), seen);
        assertEquals(List.of(new Observation("comm/line2-m", true, null, null)), seen);
        seen.clear();
        // a transport that cannot be used is lost before any request
        rule.onHealth(new DeviceHealth("line2-m", "c1", 1, DeviceState.DISABLED, null, null, null, null, null, null, 0,
                null, 0, 0), seen);
        assertEquals(List.of(new Observation("comm/line2-m", true, null, null)), seen);
    }

    @Test
    void noMetersListedMeansEveryMeterAndItsLine() {
        AlarmRule rule = TestPlant.rule(new AlarmRuleSettings.CommunicationLoss(basics("comm", "high"), List.of()));
        assertEquals(List.of("comm/main", "comm/line1-m", "comm/line2-m", "comm/plc1"),
                rule.definitions().stream().map(AlarmDefinition::key).toList());
        assertEquals("line2", rule.definitions().get(2).lineId());
        assertEquals("Line 2 meter通讯中断", rule.definitions().get(2).messages(null, at(0, 3, 0), TestPlant.ZONE)
                .get("zh-CN"));
    }

    @Test
    void listedMetersOnly() {
        AlarmRule rule = TestPlant.rule(new AlarmRuleSettings.CommunicationLoss(basics("comm", "high"),
                List.of("main")));
        List<Observation> seen = new ArrayList<>();
        rule.onHealth(health("line2-m", DeviceState.OFFLINE), seen);
        assertEquals(List.of(), seen);
    }

    @ParameterizedTest(name = "last reading {0} s before the tick → stale {1}")
    @CsvSource({"30, false", "60, false", "61, true", "600, true"})
    void stale(int age, boolean stale) {
        AlarmRule rule = TestPlant.rule(new AlarmRuleSettings.Stale(basics("frozen", "low"),
                List.of(LINE1_POWER.toString()), Duration.ofSeconds(60), true));
        Instant read = at(0, 9, 0);
        List<Observation> seen = new ArrayList<>();
        rule.onSample(Sample.good(LINE1_POWER, read, 10), seen);
        seen.clear();
        rule.onTick(read.plusSeconds(age), seen);
        assertEquals(stale ? List.of(new Observation("frozen/line1-m.active_power", true, (double) age,
                read.plusSeconds(age))) : List.of(), seen);
    }

    @Test
    void neverReadCountsFromTheFirstTickAndBadReadingsDoNotRefresh() {
        AlarmRule rule = TestPlant.rule(new AlarmRuleSettings.Stale(basics("frozen", "low"),
                List.of(LINE1_POWER.toString()), Duration.ofSeconds(60), true));
        List<Observation> seen = new ArrayList<>();
        rule.onTick(at(0, 9, 0), seen);
        rule.onSample(Sample.bad(LINE1_POWER, at(0, 9, 1), "timeout"), seen);
        rule.onTick(at(0, 9, 1), seen);
        assertEquals(List.of(), seen);
        rule.onTick(at(0, 9, 2).plusSeconds(1), seen);
        assertEquals(1, seen.size());
        assertEquals(true, seen.get(0).abnormal());
    }

    static DeviceHealth health(String meter, DeviceState state) {
        return new DeviceHealth(meter, "c1", 1, state, null, null, null, null, null, null, 0, null, 1,
                state == DeviceState.ONLINE ? 0 : 1);
    }
}
