package io.wattline.collector.opcua;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Which hosts a certificate's subject alternative names cover. */
class ServerIdentityTest {

    private static final ServerIdentity.Names NAMES = new ServerIdentity.Names(
            List.of("PLC1.plant.example", "*.line2.plant.example"), List.of("10.0.0.20", "fe80:0:0:0:0:0:0:1"),
            List.of("urn:plc1"));

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "plc1.plant.example, true",      // DNS names compare without case
            "PLC1.PLANT.EXAMPLE, true",
            "plc2.plant.example, false",
            "hmi.line2.plant.example, true", // one wildcard label
            "a.b.line2.plant.example, false", // a wildcard covers one label only
            "line2.plant.example, false",
            "10.0.0.20, true",
            "10.0.0.2, false",
            "fe80::1, true",                 // IPv6 written short or long is the same address
            "[fe80::1], true",
            "10.0.0.20.nip.example, false",
            "plc1, false",
    })
    void namesTheHost(String host, boolean expected) {
        assertEquals(expected, ServerIdentity.namesHost(NAMES, host));
    }

    @ParameterizedTest(name = "{0} is not matched by a DNS name that spells it")
    @CsvSource({"10.0.0.30"})
    void anAddressIsMatchedOnlyByAnIpEntry(String host) {
        ServerIdentity.Names dnsOnly = new ServerIdentity.Names(List.of(host), List.of(), List.of());
        assertEquals(false, ServerIdentity.namesHost(dnsOnly, host));
    }
}
