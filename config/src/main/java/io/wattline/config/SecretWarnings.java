package io.wattline.config;

import io.wattline.core.secrets.Secrets;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What {@code validate} warns about without failing: a password or token written into a
 * configuration file instead of referenced ({@code ${ENV_NAME}}, {@code secret:name}), and a
 * connection allowed to send its password over security None or to skip the server certificate's
 * host name check. The warning never repeats the value.
 */
final class SecretWarnings {

    private static final Pattern SECRET_KEY = Pattern.compile(
            "^(\\s*-?\\s*)(password|token|secret|apiKey)\\s*:\\s*(.+?)\\s*$");
    private static final Pattern CLEAR = Pattern.compile("^(\\s*-?\\s*)allowPasswordWithoutSecurity\\s*:\\s*true\\b.*$");
    private static final Pattern UNCHECKED = Pattern.compile("^(\\s*-?\\s*)checkServerHostname\\s*:\\s*false\\b.*$");

    private SecretWarnings() {
    }

    static List<String> of(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException e) {
            return List.of();
        }
        List<String> warnings = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            Matcher m = SECRET_KEY.matcher(line);
            if (m.matches()) {
                String value = m.group(3).replaceAll("^[\"']|[\"']$", "");
                if (!value.startsWith("#") && !Secrets.isReference(value)) {
                    warnings.add(file + ":" + (i + 1) + ":" + (m.group(1).length() + 1) + ": " + m.group(2)
                            + ": warning: a literal " + m.group(2) + " in the file; reference it as ${ENV_NAME} or"
                            + " secret:name (docs/security.md)");
                }
            }
            Matcher c = CLEAR.matcher(line);
            if (c.matches()) {
                warnings.add(file + ":" + (i + 1) + ":" + (c.group(1).length() + 1) + ": allowPasswordWithoutSecurity:"
                        + " warning: this connection sends its password in clear over security None");
            }
            Matcher u = UNCHECKED.matcher(line);
            if (u.matches()) {
                warnings.add(file + ":" + (i + 1) + ":" + (u.group(1).length() + 1) + ": checkServerHostname:"
                        + " warning: this connection accepts a trusted server certificate issued for another host or"
                        + " application (a copied certificate lets another machine pose as this server)");
            }
        }
        return warnings;
    }
}
