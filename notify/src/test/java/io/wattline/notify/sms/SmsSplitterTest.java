package io.wattline.notify.sms;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SmsSplitterTest {

    private static final String HAN = "压缩机跳闸请检查";

    private static String repeat(String s, int chars) {
        StringBuilder b = new StringBuilder();
        while (b.length() < chars) {
            b.append(s);
        }
        return b.substring(0, chars);
    }

    @Test
    void seventyChineseCharactersAreOneSmsAndSeventyOneAreTwoParts() {
        List<SmsPart> one = SmsSplitter.split(repeat(HAN, 70), 9);
        assertEquals(1, one.size());
        assertEquals(SmsPart.Alphabet.UCS2, one.get(0).alphabet());
        assertEquals(140, one.get(0).payload().length);
        assertEquals(0, one.get(0).udh().length);

        List<SmsPart> two = SmsSplitter.split(repeat(HAN, 71), 9);
        assertEquals(List.of(67, 4), two.stream().map(SmsPart::units).toList());
    }

    @Test
    void aHundredAndFiftyChineseCharactersAreThreePartsWithOneReference() {
        String text = repeat(HAN, 150);
        List<SmsPart> parts = SmsSplitter.split(text, 0x1234);
        assertEquals(List.of(67, 67, 16), parts.stream().map(SmsPart::units).toList());
        for (int i = 0; i < 3; i++) {
            assertArrayEquals(new byte[] {0x05, 0x00, 0x03, 0x34, 0x03, (byte) (i + 1)}, parts.get(i).udh());
        }
        ConcatenatedReassembly joined = new ConcatenatedReassembly();
        Instant now = Instant.parse("2026-03-02T00:00:00Z");
        Optional<String> whole = Optional.empty();
        for (SmsPart p : List.of(parts.get(2), parts.get(0), parts.get(1))) {
            whole = joined.add("+86138", p.udh(), SmsSplitter.text(p.alphabet(), p.payload()), now);
        }
        assertEquals(Optional.of(text), whole);
    }

    @Test
    void asciiUsesGsm7With160And153Septets() {
        assertEquals(1, SmsSplitter.split("a".repeat(160), 1).size());
        List<SmsPart> two = SmsSplitter.split("a".repeat(161), 1);
        assertEquals(List.of(153, 8), two.stream().map(SmsPart::units).toList());
        assertEquals(SmsPart.Alphabet.GSM7, two.get(0).alphabet());
    }

    @Test
    void aPartNeverEndsInsideAnEscapeOrASurrogatePair() {
        // 152 letters then '€' (ESC 0x65): the escape would be septet 153, so it moves to part 2.
        List<SmsPart> gsm = SmsSplitter.split("a".repeat(152) + "€" + "b".repeat(10), 1);
        assertEquals(152, gsm.get(0).units());
        assertEquals("€bbbbbbbbbb", SmsSplitter.text(gsm.get(1).alphabet(), gsm.get(1).payload()));

        List<SmsPart> ucs = SmsSplitter.split("报".repeat(66) + "😀" + "警".repeat(10), 1);
        assertEquals(66, ucs.get(0).units());
        assertEquals("😀" + "警".repeat(10), SmsSplitter.text(ucs.get(1).alphabet(), ucs.get(1).payload()));
    }

    @Test
    void gsm7TableRoundTripsItsExtensionCharacters() {
        String text = "Alarm 12: {limit} [max] ~ 100€ | ^ \\ @£$¥ ÄÖÑÜ§ äöñüà";
        assertEquals(text, Gsm7.decode(Gsm7.encode(text)));
        assertEquals(null, Gsm7.encode("确认"));
    }
}
