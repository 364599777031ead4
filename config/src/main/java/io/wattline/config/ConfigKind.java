package io.wattline.config;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * The kinds of configuration file that {@code ./wattline validate} checks, told apart by top-level
 * keys only that kind has: the first kind, in this order, with one of its keys (several per kind, so
 * that a file with a misspelt key still gets its own kind's errors).
 */
enum ConfigKind {
    /** A group file (docs/fleet.md): it has sites: too, so it is told apart first. */
    GROUP("group", "broker", "centrals"),
    PLANT("plant", "sites", "connections", "meters"),
    TARIFF("seasons", "effective_from", "day_overrides"),
    OPCUA_PROFILE("protocol"),
    MODBUS_PROFILE("points", "readable", "addressBase");

    /** What {@code validate} says when no key matches. */
    static final String UNKNOWN = "cannot tell what kind of file this is: expected a plant configuration"
            + " (top-level plant:, sites:, connections: or meters:), a tariff (seasons:), an OPC UA profile"
            + " (protocol: opc-ua), a Modbus profile (points: without protocol:) or a group file (group:, broker:);"
            + " see docs/configuration.md#checking-files";

    private final List<String> keys;

    ConfigKind(String... keys) {
        this.keys = List.of(keys);
    }

    static Optional<ConfigKind> of(JsonNode root) {
        return root.isObject() ? Arrays.stream(values()).filter(k -> k.keys.stream().anyMatch(root::has)).findFirst()
                : Optional.empty();
    }
}
