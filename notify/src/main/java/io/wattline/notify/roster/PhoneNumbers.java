package io.wattline.notify.roster;

/**
 * Phone numbers in one comparable form, {@code +<country code><number>}, whatever way a roster, an
 * SMSC or a modem writes them ({@code 13800138000}, {@code 8613800138000}, {@code +86 138-0013-8000},
 * {@code 0086…}); and a masked form for logs.
 */
public final class PhoneNumbers {

    private PhoneNumbers() {
    }

    /**
     * @param raw                a number as written or received
     * @param defaultCountryCode digits of the country code put before national numbers, e.g. {@code 86}
     */
    public static String canonical(String raw, String defaultCountryCode) {
        String s = raw.strip();
        boolean plus = s.startsWith("+");
        StringBuilder digits = new StringBuilder();
        for (char c : s.toCharArray()) {
            if (c >= '0' && c <= '9') {
                digits.append(c);
            } else if (c >= '０' && c <= '９') {
                digits.append((char) (c - '０' + '0'));
            }
        }
        String d = digits.toString();
        if (plus) {
            return "+" + d;
        }
        if (d.startsWith("00")) {
            return "+" + d.substring(2);
        }
        if (d.startsWith("0")) {
            return "+" + defaultCountryCode + d.substring(1);
        }
        if (d.startsWith(defaultCountryCode) && d.length() > 11) {
            return "+" + d;
        }
        return d.length() <= 11 ? "+" + defaultCountryCode + d : "+" + d;
    }

    /** The number with its middle hidden ({@code +86138****8000}), for logs and API answers. */
    public static String masked(String phone) {
        if (phone == null || phone.length() < 8) {
            return "****";
        }
        return phone.substring(0, phone.length() - 8) + "****" + phone.substring(phone.length() - 4);
    }
}
