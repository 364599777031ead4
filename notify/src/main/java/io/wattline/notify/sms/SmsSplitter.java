package io.wattline.notify.sms;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Splits a text into SMS: GSM 7-bit when every character is in the default alphabet (160 septets,
 * or 153 a part), else UCS-2 (70 characters, or 67 a part); parts carry the 8-bit concatenation
 * header {@code 05 00 03 ref total seq} (TS 23.040 §9.2.3.24.1). A part never ends inside an
 * escape sequence or a surrogate pair.
 */
public final class SmsSplitter {

    public static final int GSM7_SINGLE = 160;
    public static final int GSM7_PART = 153;
    public static final int UCS2_SINGLE = 70;
    public static final int UCS2_PART = 67;

    private SmsSplitter() {
    }

    /** @param reference the concatenation reference shared by the parts (its low 8 bits are used) */
    public static List<SmsPart> split(String text, int reference) {
        byte[] septets = Gsm7.encode(text);
        return septets != null ? gsm7(septets, reference) : ucs2(text, reference);
    }

    private static List<SmsPart> gsm7(byte[] septets, int reference) {
        if (septets.length <= GSM7_SINGLE) {
            return List.of(new SmsPart(SmsPart.Alphabet.GSM7, new byte[0], septets, septets.length));
        }
        List<byte[]> chunks = new ArrayList<>();
        int start = 0;
        while (start < septets.length) {
            int end = Math.min(start + GSM7_PART, septets.length);
            if (end < septets.length && septets[end - 1] == Gsm7.ESCAPE) {
                end--;
            }
            chunks.add(Arrays.copyOfRange(septets, start, end));
            start = end;
        }
        List<SmsPart> parts = new ArrayList<>();
        for (int i = 0; i < chunks.size(); i++) {
            byte[] c = chunks.get(i);
            parts.add(new SmsPart(SmsPart.Alphabet.GSM7, header(reference, chunks.size(), i + 1), c, c.length));
        }
        return parts;
    }

    private static List<SmsPart> ucs2(String text, int reference) {
        if (text.length() <= UCS2_SINGLE) {
            return List.of(new SmsPart(SmsPart.Alphabet.UCS2, new byte[0], text.getBytes(StandardCharsets.UTF_16BE),
                    text.length()));
        }
        List<String> chunks = new ArrayList<>();
        int start = 0;
        while (start < text.length()) {
            int end = Math.min(start + UCS2_PART, text.length());
            if (end < text.length() && Character.isHighSurrogate(text.charAt(end - 1))) {
                end--;
            }
            chunks.add(text.substring(start, end));
            start = end;
        }
        List<SmsPart> parts = new ArrayList<>();
        for (int i = 0; i < chunks.size(); i++) {
            String c = chunks.get(i);
            parts.add(new SmsPart(SmsPart.Alphabet.UCS2, header(reference, chunks.size(), i + 1),
                    c.getBytes(StandardCharsets.UTF_16BE), c.length()));
        }
        return parts;
    }

    private static byte[] header(int reference, int total, int sequence) {
        if (total > 255) {
            throw new IllegalArgumentException("text needs " + total + " parts; at most 255 can be joined");
        }
        return new byte[] {0x05, 0x00, 0x03, (byte) reference, (byte) total, (byte) sequence};
    }

    /** The text of a payload in the given alphabet. */
    public static String text(SmsPart.Alphabet alphabet, byte[] payload) {
        return alphabet == SmsPart.Alphabet.UCS2 ? new String(payload, StandardCharsets.UTF_16BE)
                : Gsm7.decode(payload);
    }
}
