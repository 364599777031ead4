package io.wattline.reports.model;

import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;

/**
 * The words of a report in its language (zh-CN or en), from {@code reports/labels*.properties}
 * (UTF-8). A missing key is a defect and fails loudly rather than printing the key.
 */
public final class Labels {

    private final ResourceBundle bundle;
    private final String language;

    private Labels(ResourceBundle bundle, String language) {
        this.bundle = bundle;
        this.language = language;
    }

    /** @param language {@code zh-CN} or {@code en} */
    public static Labels of(String language) {
        Locale locale = language.startsWith("zh") ? Locale.SIMPLIFIED_CHINESE : Locale.ROOT;
        return new Labels(ResourceBundle.getBundle("reports/labels", locale,
                ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES)), language);
    }

    public String language() {
        return language;
    }

    public boolean chinese() {
        return language.startsWith("zh");
    }

    public String get(String key) {
        try {
            return bundle.getString(key);
        } catch (MissingResourceException e) {
            throw new IllegalStateException("report label '" + key + "' is missing for language " + language, e);
        }
    }

    /** A label with {@code {0}}, {@code {1}} … filled in. */
    public String format(String key, Object... args) {
        String text = get(key);
        for (int i = 0; i < args.length; i++) {
            text = text.replace("{" + i + "}", String.valueOf(args[i]));
        }
        return text;
    }
}
