package io.wattline.profiles;

import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * The kinds of device profile a profile folder may hold, told apart by their top-level keys: an
 * OPC UA profile says {@code protocol: opc-ua}; a Modbus profile has no {@code protocol} and
 * declares {@code points}, {@code readable} ranges and an {@code addressBase}.
 */
public enum ProfileKind {
    MODBUS("Modbus profile"),
    OPC_UA("OPC UA profile");

    private final String label;

    ProfileKind(String label) {
        this.label = label;
    }

    /** How messages name a profile of this kind. */
    public String label() {
        return label;
    }

    /** The kind of a parsed profile file; empty when it is neither. */
    public static Optional<ProfileKind> of(JsonNode root) {
        if (root == null || !root.isObject()) {
            return Optional.empty();
        }
        if (root.has("protocol")) {
            return "opc-ua".equals(root.get("protocol").asString("")) ? Optional.of(OPC_UA) : Optional.empty();
        }
        return root.has("points") || root.has("readable") || root.has("addressBase") ? Optional.of(MODBUS)
                : Optional.empty();
    }
}
