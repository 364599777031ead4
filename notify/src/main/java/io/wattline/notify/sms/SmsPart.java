package io.wattline.notify.sms;

/**
 * One SMS as it goes on the air: its alphabet, the user-data header (empty unless it is one part
 * of a concatenated message) and the payload, which is UTF-16BE for UCS-2 and one septet a byte
 * (unpacked, as SMPP carries it) for GSM 7-bit.
 *
 * @param units characters (UCS-2 code units) or septets in the payload
 */
public record SmsPart(Alphabet alphabet, byte[] udh, byte[] payload, int units) {

    /** TS 23.038 data coding: GSM 7-bit default alphabet (0x00) or UCS-2 (0x08). */
    public enum Alphabet {
        GSM7(0x00), UCS2(0x08);

        public final int dataCoding;

        Alphabet(int dataCoding) {
            this.dataCoding = dataCoding;
        }
    }

    public boolean concatenated() {
        return udh.length > 0;
    }

    /** The header and payload as SMPP's {@code short_message} carries them. */
    public byte[] shortMessage() {
        byte[] all = new byte[udh.length + payload.length];
        System.arraycopy(udh, 0, all, 0, udh.length);
        System.arraycopy(payload, 0, all, udh.length, payload.length);
        return all;
    }
}
