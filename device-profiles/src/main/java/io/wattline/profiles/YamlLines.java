package io.wattline.profiles;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.function.ToIntFunction;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Line numbers of the nodes of a YAML text by JSON pointer, so that problems found after mapping
 * (by the loader and the linter) can still name the line. A missing pointer falls back to its
 * nearest ancestor.
 */
final class YamlLines {

    private static final YAMLMapper YAML = YAMLMapper.builder().build();

    private YamlLines() {
    }

    static ToIntFunction<String> of(String text) {
        Map<String, Integer> lines = new HashMap<>();
        Deque<Container> stack = new ArrayDeque<>();
        try (JsonParser p = YAML.createParser(text)) {
            for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
                int line = p.currentTokenLocation().getLineNr();
                Container top = stack.peek();
                if (t == JsonToken.PROPERTY_NAME) {
                    top.name = p.currentName();
                    lines.putIfAbsent(top.path + "/" + top.name, line);
                } else if (t == JsonToken.END_OBJECT || t == JsonToken.END_ARRAY) {
                    stack.pop();
                } else {
                    String path = top == null ? "" : top.child();
                    lines.putIfAbsent(path, line);
                    if (t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY) {
                        stack.push(new Container(path, t == JsonToken.START_ARRAY));
                    }
                }
            }
        } catch (JacksonException e) {
            // The text was already parsed once; if the token walk fails we only lose line numbers.
            lines.putIfAbsent("", e.getLocation() == null ? 0 : e.getLocation().getLineNr());
        }
        return pointer -> {
            for (String at = pointer; ; at = at.substring(0, at.lastIndexOf('/'))) {
                Integer line = lines.get(at);
                if (line != null) {
                    return line;
                }
                if (at.isEmpty() || at.lastIndexOf('/') < 0) {
                    return 0;
                }
            }
        };
    }

    private static final class Container {
        final String path;
        final boolean array;
        int index;
        String name;

        Container(String path, boolean array) {
            this.path = path;
            this.array = array;
        }

        String child() {
            return array ? path + "/" + index++ : path + "/" + name;
        }
    }
}
