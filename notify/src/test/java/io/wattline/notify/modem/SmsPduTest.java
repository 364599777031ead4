package io.wattline.notify.modem;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.wattline.notify.sms.SmsPart;
import io.wattline.notify.sms.SmsSplitter;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Our PDUs against PDUs published in references, byte for byte. */
class SmsPduTest {

    /**
     * SMS-SUBMIT of "hellohello" (GSM 7-bit) to +46708251358, relative validity AA (4 days): the
     * worked example of Lars Pettersson, "SMS and the PDU format" (dreamfabric.com, 1998–2003),
     * which walks through it octet by octet; the packing matches 3GPP TS 23.038 §6.1.2.1.1.
     */
    @Test
    void gsm7SubmitMatchesThePublishedDreamfabricExample() {
        SmsPart part = SmsSplitter.split("hellohello", 0).get(0);
        SmsPdu.Submit pdu = SmsPdu.submit("+46708251358", part, 0xAA, false);
        assertEquals("0011000B916407281553F80000AA0AE8329BFD4697D9EC37", pdu.hex());
        assertEquals(23, pdu.length());
    }

    /**
     * SMS-SUBMIT of "hello" in UCS-2 to 13421839693 (unknown type of number, no validity period):
     * Neoway N11 V2 AT Command Manual, appendix A.1 "Content of PDU SMS Messages", the example
     * "whose SMSC address length is 0", sent with AT+CMGS=23.
     */
    @Test
    void ucs2SubmitMatchesTheNeowayManualExample() {
        SmsPart part = new SmsPart(SmsPart.Alphabet.UCS2, new byte[0],
                "hello".getBytes(java.nio.charset.StandardCharsets.UTF_16BE), 5);
        SmsPdu.Submit pdu = SmsPdu.submit("13421839693", part, null, false);
        assertEquals("0001000B813124819396F300080A00680065006C006C006F", pdu.hex());
        assertEquals(23, pdu.length());
    }

    /**
     * SMS-DELIVER from the same dreamfabric page: SMSC +27381000015, sender 27838890001,
     * time stamp 99-03-29 15:16:59 GMT+2, "hellohello".
     */
    @Test
    void deliverFromThePublishedExampleDecodes() {
        SmsPdu.Deliver d = SmsPdu.deliver("07917283010010F5040BC87238880900F10000993092516195800AE8329BFD4697D9EC37");
        assertEquals("27838890001", d.originator());
        assertEquals(Instant.parse("1999-03-29T13:16:59Z"), d.sent());
        assertEquals("hellohello", d.text());
        assertEquals(0, d.udh().length);
    }

    @Test
    void concatenatedPartsCarryTheHeaderInBothAlphabets() {
        List<SmsPart> han = SmsSplitter.split("报警".repeat(40), 7);
        SmsPdu.Submit first = SmsPdu.submit("+8613800000001", han.get(0), null, true);
        // 0x61: SMS-SUBMIT, status report requested, user-data header present; UDL 6 + 134 octets.
        assertEquals("0061000D91683108000000F10008" + "8C" + "050003070201", first.hex().substring(0, 42));

        List<SmsPart> ascii = SmsSplitter.split("x".repeat(200), 5);
        SmsPdu.Submit gsm = SmsPdu.submit("+8613800000001", ascii.get(0), null, false);
        // UDL in septets: 7 for the 6-octet header plus its fill bit, then 153 characters.
        assertEquals("A0", gsm.hex().substring(28, 30));
    }

    @Test
    void aSubmitReadsBackAsTheSameTextWhenTurnedIntoADeliver() {
        String text = "压缩机跳闸 Compressor 2 tripped";
        SmsPart part = SmsSplitter.split(text, 0).get(0);
        SmsPdu.Submit s = SmsPdu.submit("+8613800000001", part, null, false);
        String deliver = "00" + "04" + "0D91683108000000F1" + "0008" + "62302051000000"
                + s.hex().substring(s.hex().length() - (part.payload().length + 1) * 2);
        SmsPdu.Deliver d = SmsPdu.deliver(deliver);
        assertEquals(text, d.text());
        assertEquals("+8613800000001", d.originator());
        assertArrayEquals(new byte[0], d.udh());
    }
}
