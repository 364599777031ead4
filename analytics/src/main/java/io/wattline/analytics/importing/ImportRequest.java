package io.wattline.analytics.importing;

import java.util.Objects;

/**
 * Who imports, from where, and whether a different value for a reading already stored replaces it
 * ({@code --replace}, an engineer's audited correction) or is rejected naming both values.
 *
 * @param actor the OS user of the command, or the authenticated principal over HTTP
 * @param address {@code console} for the command, the client address over HTTP
 */
public record ImportRequest(boolean replace, String actor, String address) {

    public ImportRequest {
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(address, "address");
    }

    /** An import that rejects conflicting values. */
    public static ImportRequest addOnly(String actor, String address) {
        return new ImportRequest(false, actor, address);
    }
}
