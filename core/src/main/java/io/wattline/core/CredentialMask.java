package io.wattline.core;

import java.util.regex.Pattern;

/**
 * Hides credentials written into URLs ({@code http://user:password@host}) wherever a text may show
 * them: logs, error messages, status pages, alarms.
 */
public final class CredentialMask {

    // scheme://user:password@ (or scheme://user@) anywhere in a text
    private static final Pattern URL_CREDENTIALS = Pattern.compile("([A-Za-z][A-Za-z0-9+.-]*://)[^/@\\s]+@");

    private CredentialMask() {
    }

    /** {@code text} with the user information of every URL in it replaced by {@code ***}; null stays null. */
    public static String mask(String text) {
        return text == null ? null : URL_CREDENTIALS.matcher(text).replaceAll("$1***@");
    }
}
