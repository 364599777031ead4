package io.wattline.config;

import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * Reads a configuration tree that may not match the schema yet: semantic checks run even when the
 * schema failed (so the user sees every error at once), and must skip what they cannot read.
 */
final class ConfigNodes {

    private ConfigNodes() {
    }

    /** The text of a string node, or null when absent or not a string. */
    static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isString() ? value.asString() : null;
    }

    /** The elements of an array that are objects, with their index; none when not an array. */
    static List<Indexed> objects(JsonNode array) {
        List<Indexed> items = new ArrayList<>();
        if (array.isArray()) {
            for (int i = 0; i < array.size(); i++) {
                if (array.get(i).isObject()) {
                    items.add(new Indexed(i, array.get(i)));
                }
            }
        }
        return items;
    }

    /** An element of a list and where it was. */
    record Indexed(int index, JsonNode node) {
    }
}
