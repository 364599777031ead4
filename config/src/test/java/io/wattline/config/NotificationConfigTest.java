package io.wattline.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wattline.core.notification.NotificationSettings;
import io.wattline.core.notification.Roster;
import io.wattline.core.notification.SmsTransportSettings;
import io.wattline.core.plant.Plant;
import io.wattline.profiles.yaml.ValidationError;
import java.io.IOException;
import java.time.Duration;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The notification section: mapping with defaults, and errors with line and field. */
class NotificationConfigTest {

    private final PlantConfigLoader loader = TestProfiles.loader();

    private static String small() throws IOException {
        return AccountingConfigTest.small();
    }

    @Test
    void theSectionMapsToCoreRecordsWithDefaults() throws Exception {
        Plant plant = loader.parse("plant.yaml", small() + """
                notification:
                  people:
                    - { id: zhang, name: 张工, phone: "+8613800138001", channels: [smsc, modem] }
                    - { id: li, phone: "13800138002", language: en }
                    - { id: chen, phone: "+8613800138003" }
                  rosters:
                    - id: maintenance
                      lines: [l1]
                      priorities: [critical, high]
                      onCall:
                        - { shift: night, crew: blue, people: [li] }
                        - { people: [zhang, li] }
                      supervisor: chen
                      escalateAfter: [5m, 15m]
                  blacklist: ["+8613900000000"]
                  quietHours: { start: "22:00", end: "07:00", priorities: [low] }
                  returnToNormal: [critical]
                  flood: { window: 2m }
                  transports:
                    - { id: smsc, type: smpp, host: 127.0.0.1, port: 2775, systemId: wattline,
                        passwordEnv: SMPP_PASSWORD, sourceAddress: "10690000" }
                    - { id: modem, type: modem, device: /dev/ttyUSB0 }
                    - id: cloud
                      type: http
                      url: "https://sms.example.com/send"
                      headers: { Authorization: "Bearer {env:SMS_TOKEN}" }
                      body: '{"to":"{to}","text":"{text}"}'
                """);
        NotificationSettings n = plant.notification();
        assertEquals("zh-CN", n.people().get(0).language(), "default language");
        assertEquals(List.of("smsc", "modem"), n.people().get(0).channels());
        assertEquals("li", n.people().get(1).name(), "name defaults to the id");
        Roster r = n.rosters().get(0);
        assertEquals(Set.of("critical", "high"), r.priorities());
        assertEquals(new Roster.OnCall("night", "blue", List.of("li")), r.onCall().get(0));
        assertEquals(Duration.ofMinutes(15), r.timeoutOfLevel(5), "the last timeout repeats");
        assertEquals(LocalTime.of(22, 0), n.quietHours().start());
        assertEquals(Duration.ofMinutes(2), n.flood().window());
        assertEquals(2, n.flood().messagesPerWindow(), "default messages a window");
        assertEquals(Set.of("critical"), n.returnToNormal());
        assertEquals("86", n.defaultCountryCode());
        SmsTransportSettings.Smpp smpp = (SmsTransportSettings.Smpp) n.transports().get(0);
        assertEquals(new SmsTransportSettings.Smpp("smsc", "127.0.0.1", 2775, "wattline", "${SMPP_PASSWORD}", null,
                "10690000", 50, Duration.ofSeconds(30), Duration.ofSeconds(5), true), smpp);
        SmsTransportSettings.Modem modem = (SmsTransportSettings.Modem) n.transports().get(1);
        assertEquals(115200, modem.baudRate());
        SmsTransportSettings.Http http = (SmsTransportSettings.Http) n.transports().get(2);
        assertEquals("POST", http.method());
        assertEquals("json", http.encoding());
        assertEquals(Map.of("Authorization", "Bearer {env:SMS_TOKEN}"), http.headers());
    }

    @Test
    void aPlantWithoutTheSectionNotifiesNobody() throws Exception {
        assertTrue(loader.parse("plant.yaml", small()).notification().people().isEmpty());
    }

    @Test
    void everyMistakeIsReportedWithLineAndField() throws Exception {
        String base = small();
        int first = (int) base.lines().count() + 1;
        String yaml = base + """
                notification:
                  people:
                    - { id: zhang, phone: "+8613800138001", channels: [smcs] }
                    - { id: zhang, phone: "call me" }
                  rosters:
                    - id: maintenance
                      lines: [l2]
                      onCall:
                        - { shift: nite, crew: green, people: [zhnag] }
                      supervisor: boss
                      escalateAfter: [10 min]
                  transports:
                    - { id: smsc, type: smpp, host: 127.0.0.1, port: 2775, systemId: wattline }
                    - { id: cloud, type: http, url: "https://x", successPattern: "(" }
                """;
        ConfigException e = assertThrows(ConfigException.class, () -> loader.parse("plant.yaml", yaml));
        List<ValidationError> errors = e.errors();
        assertHas(errors, first + 2, "notification.people[0].channels[0]", "unknown transport 'smcs'");
        assertHas(errors, first + 3, "notification.people[1].id", "duplicate id 'zhang'");
        assertHas(errors, first + 3, "notification.people[1].phone", "");
        assertHas(errors, first + 6, "notification.rosters[0].lines[0]", "unknown line 'l2'");
        assertHas(errors, first + 8, "notification.rosters[0].onCall[0].shift", "unknown shift 'nite' (known: day, night)");
        assertHas(errors, first + 8, "notification.rosters[0].onCall[0].crew", "unknown crew 'green'");
        assertHas(errors, first + 8, "notification.rosters[0].onCall[0].people[0]", "did you mean 'zhang'");
        assertHas(errors, first + 9, "notification.rosters[0].supervisor", "unknown person 'boss'");
        assertHas(errors, first + 10, "notification.rosters[0].escalateAfter[0]", "");
        assertHas(errors, first + 12, "notification.transports[0].sourceAddress", "missing required field");
        assertHas(errors, first + 13, "notification.transports[1].successPattern", "not a regular expression");
        assertEquals(11, errors.size(), e::getMessage);
    }

    private static void assertHas(List<ValidationError> errors, int line, String field, String text) {
        assertTrue(errors.stream().anyMatch(x -> x.line() == line && x.field().equals(field)
                && x.message().contains(text)), () -> "no error at line " + line + " " + field + " containing '"
                        + text + "' in:\n" + errors.stream().map(ValidationError::toString)
                                .reduce("", (a, b) -> a + b + "\n"));
    }
}
