package io.wattline.notify.modem;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wattline.core.notification.SmsTransportSettings;
import io.wattline.notify.sms.IncomingSms;
import io.wattline.notify.sms.SmsException;
import io.wattline.notify.sms.SmsTransport;
import io.wattline.testkit.Await;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The modem transport over a socat virtual serial line against {@link ModemEmulator}. */
@Tag("integration")
class ModemSocatIntegrationTest {

    private static final Path SOCAT = Path.of("/usr/bin/socat");
    private static final Duration WAIT = Duration.ofSeconds(15);

    @TempDir
    Path dir;

    private Process socat;
    private ModemEmulator modem;
    private ModemTransport transport;
    private final List<IncomingSms> incoming = new ArrayList<>();

    @BeforeEach
    void start() throws Exception {
        boolean present = Files.isExecutable(SOCAT);
        String install = SOCAT + " is missing. Install it: apt-get install -y socat";
        if ("true".equals(System.getenv("CI")) && !present) {
            throw new AssertionError(install);
        }
        Assumptions.assumeTrue(present, install);
        Path modemSide = dir.resolve("modem");
        Path ourSide = dir.resolve("wattline");
        socat = new ProcessBuilder(SOCAT.toString(), "-d", "-d", "pty,raw,echo=0,link=" + modemSide,
                "pty,raw,echo=0,link=" + ourSide).redirectErrorStream(true)
                .redirectOutput(dir.resolve("socat.log").toFile()).start();
        Await.until(() -> Files.exists(modemSide) && Files.exists(ourSide), WAIT, () -> "socat ptys");
        modem = new ModemEmulator(modemSide.toString());
        transport = new ModemTransport(new SmsTransportSettings.Modem("modem", ourSide.toString(), 115200, null, 10,
                Duration.ofSeconds(5)), null);
        transport.start(new SmsTransport.Listener() {
            @Override
            public void onIncoming(IncomingSms sms) {
                synchronized (incoming) {
                    incoming.add(sms);
                    incoming.notifyAll();
                }
            }

            @Override
            public void onDeliveryReport(String transportId, String providerId, boolean delivered, String detail) {
                // the modem transport asks for no status reports
            }
        });
        Await.until(transport::ready, WAIT, () -> "modem set up; commands seen " + modem.commands());
    }

    @AfterEach
    void stop() throws Exception {
        if (transport != null) {
            transport.close();
        }
        if (modem != null) {
            modem.close();
        }
        if (socat != null) {
            socat.destroy();
            socat.waitFor(5, TimeUnit.SECONDS);
        }
    }

    @Test
    void theModemIsSetUpForPduModeAndNewMessageIndications() {
        List<String> c = modem.commands();
        assertTrue(c.containsAll(List.of("AT", "ATE0", "AT+CMEE=1", "AT+CPIN?", "AT+CMGF=0", "AT+CSCS=\"GSM\"",
                "AT+CNMI=2,1,0,0,0")), c.toString());
    }

    @Test
    void aLongChineseSmsGoesOutAsThreeUcs2PartsAfterTheNetworkChecks() throws Exception {
        String text = "二号线空压机跳闸请立即检查冷却系统与电源".repeat(8).substring(0, 150);
        List<String> refs = transport.send(0x42, "+8613800000001", text);
        assertEquals(List.of("1", "2", "3"), refs, "the +CMGS message references");
        List<ModemEmulator.Submitted> sent = modem.submitted();
        assertEquals(3, sent.size());
        StringBuilder joined = new StringBuilder();
        for (int i = 0; i < 3; i++) {
            ModemEmulator.Submitted s = sent.get(i);
            assertEquals("+8613800000001", s.to());
            assertEquals(8, s.dataCoding());
            assertArrayEquals(new byte[] {5, 0, 3, 0x42, 3, (byte) (i + 1)}, s.udh());
            joined.append(s.text());
        }
        assertEquals(text, joined.toString());
        List<String> c = modem.commands();
        // 155 octets: first octet, MR, 7 of address, PID, DCS, VP, UDL, 6 of header, 134 of text.
        assertTrue(c.indexOf("AT+CREG?") < c.indexOf("AT+CMGS=155") && c.contains("AT+CSQ"), c.toString());
    }

    @Test
    void asciiGoesOutAsGsm7() throws Exception {
        transport.send(1, "+8613800000001", "Compressor 2 tripped {line 2} 100€");
        assertEquals(0, modem.submitted().get(0).dataCoding());
        assertEquals("Compressor 2 tripped {line 2} 100€", modem.submitted().get(0).text());
    }

    @Test
    void withoutNetworkRegistrationTheSendFailsForARetryLater() throws Exception {
        modem.registration(0);
        SmsException e = org.junit.jupiter.api.Assertions.assertThrows(SmsException.class,
                () -> transport.send(1, "+8613800000001", "报警"));
        assertFalse(e.permanent());
        assertTrue(e.getMessage().contains("not registered"), e.getMessage());
        modem.registration(5);
        assertEquals(1, transport.send(2, "+8613800000001", "报警").size(), "roaming is fine");
    }

    @Test
    void anIncomingSmsAnnouncedByCmtiIsReadAndDeleted() throws Exception {
        modem.receive("+8613800000001", "确认 1234");
        modem.receive("13800000002", "ACK 77");
        Await.until(incoming, () -> incoming.size() == 2, WAIT, () -> "two SMS read: " + incoming);
        assertEquals("确认 1234", incoming.get(0).text());
        assertEquals("+8613800000001", incoming.get(0).from());
        assertEquals("ACK 77", incoming.get(1).text());
        assertEquals("13800000002", incoming.get(1).from());
        Await.until(() -> modem.storage().isEmpty(), WAIT, () -> "AT+CMGD; left " + modem.storage());
        assertTrue(modem.commands().containsAll(List.of("AT+CMGR=1", "AT+CMGD=1", "AT+CMGR=2", "AT+CMGD=2")));
    }
}
