package io.wattline.config;

import tools.jackson.databind.JsonNode;

/**
 * The password reference of a plant-file block: {@code password} ({@code ${ENV_NAME}} or
 * {@code secret:name}), or the older {@code passwordEnv: NAME}, which means {@code ${NAME}}.
 */
final class PasswordReference {

    private PasswordReference() {
    }

    /** The reference, or null when the block names no password. */
    static String of(JsonNode block) {
        JsonNode password = block.path("password");
        if (password.isString() && !password.asString().isBlank()) {
            return password.asString().strip();
        }
        JsonNode env = block.path("passwordEnv");
        return env.isString() && !env.asString().isBlank() ? "${" + env.asString().strip() + "}" : null;
    }
}
