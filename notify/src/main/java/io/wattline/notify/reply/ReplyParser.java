package io.wattline.notify.reply;

import java.text.Normalizer;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads an SMS reply: {@code ACK 1234}, {@code 确认 1234} (or 確認), in any case, with full-width
 * letters, digits and spaces as Chinese input methods type them, and an optional {@code #} or colon.
 */
public final class ReplyParser {

    private static final Pattern ACK = Pattern.compile("^(?:ACK|确认|確認)\\s*[#:]?\\s*(\\d{1,18})$",
            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);

    private ReplyParser() {
    }

    /** The alarm number the text acknowledges, or empty when it is no acknowledgement. */
    public static OptionalLong acknowledgement(String text) {
        // NFKC folds full-width forms (ＡＣＫ，１２３４, the ideographic space U+3000) to ASCII.
        String folded = Normalizer.normalize(text, Normalizer.Form.NFKC).strip();
        Matcher m = ACK.matcher(folded);
        return m.matches() ? OptionalLong.of(Long.parseLong(m.group(1))) : OptionalLong.empty();
    }
}
