package io.wattline.notify.sms;

import java.io.ByteArrayOutputStream;

/**
 * The GSM 7-bit default alphabet and its extension table (3GPP TS 23.038 §6.2.1), and the packing
 * of septets into octets (§6.1.2.1.1) with fill bits after a user-data header (TS 23.040 §9.2.3.24).
 */
public final class Gsm7 {

    /** Code points 0x00–0x7F; 0x1B is the escape to the extension table. */
    private static final String DEFAULT = "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞ\u001bÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
            + "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";
    private static final String EXTENSION_CHARS = "\f^{}\\[~]|€";
    private static final int[] EXTENSION_CODES = {0x0A, 0x14, 0x28, 0x29, 0x2F, 0x3C, 0x3D, 0x3E, 0x40, 0x65};
    public static final int ESCAPE = 0x1B;

    static {
        if (DEFAULT.length() != 128) {
            throw new IllegalStateException("GSM 7-bit table has " + DEFAULT.length() + " entries");
        }
    }

    private Gsm7() {
    }

    /** The septets (one a byte) of {@code text}, or null when a character is not in the alphabet. */
    public static byte[] encode(String text) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            int code = c == ESCAPE ? -1 : DEFAULT.indexOf(c);
            if (code >= 0) {
                out.write(code);
                continue;
            }
            int ext = EXTENSION_CHARS.indexOf(c);
            if (ext < 0) {
                return null;
            }
            out.write(ESCAPE);
            out.write(EXTENSION_CODES[ext]);
        }
        return out.toByteArray();
    }

    /** The text of unpacked septets; unknown escapes read as a space (TS 23.038 §6.2.1.1). */
    public static String decode(byte[] septets) {
        StringBuilder s = new StringBuilder(septets.length);
        for (int i = 0; i < septets.length; i++) {
            int code = septets[i] & 0x7F;
            if (code == ESCAPE && i + 1 < septets.length) {
                int next = septets[++i] & 0x7F;
                char ext = ' ';
                for (int k = 0; k < EXTENSION_CODES.length; k++) {
                    if (EXTENSION_CODES[k] == next) {
                        ext = EXTENSION_CHARS.charAt(k);
                    }
                }
                s.append(ext);
            } else {
                s.append(DEFAULT.charAt(code));
            }
        }
        return s.toString();
    }

    /** Packs septets, starting after {@code fillBits} zero bits (the padding after a header). */
    public static byte[] pack(byte[] septets, int fillBits) {
        int bits = fillBits + septets.length * 7;
        byte[] out = new byte[(bits + 7) / 8];
        int pos = fillBits;
        for (byte septet : septets) {
            int v = septet & 0x7F;
            int index = pos / 8;
            int shift = pos % 8;
            out[index] |= (byte) (v << shift);
            if (shift > 1) {
                out[index + 1] |= (byte) (v >> (8 - shift));
            }
            pos += 7;
        }
        return out;
    }

    /** Unpacks {@code count} septets that start after {@code fillBits} bits of {@code packed}. */
    public static byte[] unpack(byte[] packed, int count, int fillBits) {
        byte[] out = new byte[count];
        int pos = fillBits;
        for (int i = 0; i < count; i++) {
            int index = pos / 8;
            int shift = pos % 8;
            int v = (packed[index] & 0xFF) >> shift;
            if (shift > 1 && index + 1 < packed.length) {
                v |= (packed[index + 1] & 0xFF) << (8 - shift);
            }
            out[i] = (byte) (v & 0x7F);
            pos += 7;
        }
        return out;
    }
}
