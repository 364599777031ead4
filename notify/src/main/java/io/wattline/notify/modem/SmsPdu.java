package io.wattline.notify.modem;

import io.wattline.notify.sms.Gsm7;
import io.wattline.notify.sms.SmsPart;
import io.wattline.notify.sms.SmsSplitter;
import java.io.ByteArrayOutputStream;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * SMS TPDUs as a modem takes and gives them in PDU mode (3GPP TS 27.005 §3, TPDUs of TS 23.040
 * §9.2.2): SMS-SUBMIT to send, SMS-DELIVER to read. The SMSC address is left to the SIM (length 00).
 */
public final class SmsPdu {

    private static final HexFormat HEX = HexFormat.of().withUpperCase();

    private SmsPdu() {
    }

    /**
     * An SMS-SUBMIT in hex, with the length {@code AT+CMGS} wants (the TPDU without the SMSC octet).
     *
     * @param to              {@code +8613…} is sent as an international number, anything else as unknown type
     * @param validity        TP-VP, relative format (TS 23.040 §9.2.3.12.1), or null for none
     * @param statusReport    asks the network for a status report (TP-SRR)
     */
    public static Submit submit(String to, SmsPart part, Integer validity, boolean statusReport) {
        ByteArrayOutputStream tpdu = new ByteArrayOutputStream();
        int first = 0x01 | (validity != null ? 0x10 : 0) | (statusReport ? 0x20 : 0) | (part.concatenated() ? 0x40 : 0);
        tpdu.write(first);
        tpdu.write(0x00); // TP-MR: the modem assigns it
        writeAddress(tpdu, to);
        tpdu.write(0x00); // TP-PID
        tpdu.write(part.alphabet().dataCoding);
        if (validity != null) {
            tpdu.write(validity);
        }
        byte[] ud;
        int udl;
        if (part.alphabet() == SmsPart.Alphabet.UCS2) {
            ud = part.shortMessage();
            udl = ud.length;
        } else {
            int headerBits = part.udh().length * 8;
            int fill = (7 - headerBits % 7) % 7;
            byte[] packed = Gsm7.pack(part.payload(), fill);
            ud = concat(part.udh(), packed);
            udl = (headerBits + fill) / 7 + part.payload().length;
        }
        tpdu.write(udl);
        tpdu.writeBytes(ud);
        byte[] t = tpdu.toByteArray();
        return new Submit("00" + HEX.formatHex(t), t.length);
    }

    /** @param length what {@code AT+CMGS=} is given: octets of the TPDU, the SMSC part excluded */
    public record Submit(String hex, int length) {
    }

    /** A received SMS-DELIVER: who sent it, when (service-centre time stamp), header and text. */
    public record Deliver(String originator, Instant sent, byte[] udh, String text) {
    }

    /** Reads an SMS-DELIVER as {@code AT+CMGR} shows it in PDU mode (SMSC address first). */
    public static Deliver deliver(String hex) {
        byte[] b = HEX.parseHex(hex.strip());
        int i = (b[0] & 0xFF) + 1;
        int first = b[i++] & 0xFF;
        if ((first & 0x03) != 0x00) {
            throw new IllegalArgumentException("not an SMS-DELIVER (TP-MTI " + (first & 0x03) + ")");
        }
        int digits = b[i++] & 0xFF;
        int toa = b[i++] & 0xFF;
        int addressOctets = (digits + 1) / 2;
        String originator = readAddress(Arrays.copyOfRange(b, i, i + addressOctets), digits, toa);
        i += addressOctets;
        i++; // TP-PID
        int dcs = b[i++] & 0xFF;
        Instant sent = timestamp(Arrays.copyOfRange(b, i, i + 7));
        i += 7;
        int udl = b[i++] & 0xFF;
        byte[] ud = Arrays.copyOfRange(b, i, b.length);
        boolean udhi = (first & 0x40) != 0;
        byte[] udh = udhi ? Arrays.copyOfRange(ud, 0, (ud[0] & 0xFF) + 1) : new byte[0];
        if (ucs2(dcs)) {
            return new Deliver(originator, sent, udh, SmsSplitter.text(SmsPart.Alphabet.UCS2,
                    Arrays.copyOfRange(ud, udh.length, udl)));
        }
        int headerBits = udh.length * 8;
        int fill = (7 - headerBits % 7) % 7;
        int headerSeptets = (headerBits + fill) / 7;
        byte[] septets = Gsm7.unpack(Arrays.copyOfRange(ud, udh.length, ud.length), udl - headerSeptets, fill);
        return new Deliver(originator, sent, udh, Gsm7.decode(septets));
    }

    /** TS 23.038 §4: UCS-2 in the general group (00xx) and the message-waiting group 1110. */
    private static boolean ucs2(int dcs) {
        return ((dcs & 0xC0) == 0x00 && (dcs & 0x0C) == 0x08) || (dcs & 0xF0) == 0xE0;
    }

    private static void writeAddress(ByteArrayOutputStream out, String number) {
        boolean international = number.startsWith("+");
        String digits = number.replaceAll("[^0-9]", "");
        out.write(digits.length());
        out.write(international ? 0x91 : 0x81);
        out.writeBytes(semiOctets(digits));
    }

    static byte[] semiOctets(String digits) {
        byte[] out = new byte[(digits.length() + 1) / 2];
        for (int k = 0; k < digits.length(); k++) {
            int d = digits.charAt(k) - '0';
            out[k / 2] |= (byte) (k % 2 == 0 ? d : d << 4);
        }
        if (digits.length() % 2 == 1) {
            out[out.length - 1] |= (byte) 0xF0;
        }
        return out;
    }

    private static String readAddress(byte[] octets, int digits, int toa) {
        if ((toa & 0x70) == 0x50) { // alphanumeric sender, GSM 7-bit packed
            return Gsm7.decode(Gsm7.unpack(octets, digits * 4 / 7, 0));
        }
        StringBuilder s = new StringBuilder((toa & 0x70) == 0x10 ? "+" : "");
        for (int k = 0; k < digits; k++) {
            int v = k % 2 == 0 ? octets[k / 2] & 0x0F : (octets[k / 2] >> 4) & 0x0F;
            s.append((char) ('0' + v));
        }
        return s.toString();
    }

    /** TP-SCTS (TS 23.040 §9.2.3.11): swapped BCD YYMMDDhhmmss and the zone in quarter hours. */
    private static Instant timestamp(byte[] t) {
        int[] v = new int[7];
        for (int k = 0; k < 7; k++) {
            int lo = t[k] & 0x0F;
            int hi = (t[k] >> 4) & 0x0F;
            v[k] = k == 6 ? (lo & 0x07) * 10 + hi : lo * 10 + hi;
        }
        int quarters = (t[6] & 0x08) != 0 ? -v[6] : v[6];
        LocalDateTime local = LocalDateTime.of((v[0] < 80 ? 2000 : 1900) + v[0], v[1], v[2], v[3], v[4], v[5]);
        return local.toInstant(ZoneOffset.ofTotalSeconds(quarters * 15 * 60));
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] all = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}
