package io.wattline.profiles.yaml;

import java.util.ArrayList;
import java.util.List;

/** RFC 6901 JSON Pointer spelling: building, splitting and climbing pointers. */
public final class JsonPointers {

    private JsonPointers() {
    }

    /** The pointer of a child: {@code child("/meters", "3")} is {@code /meters/3}. */
    public static String child(String pointer, String segment) {
        return pointer + "/" + segment.replace("~", "~0").replace("/", "~1");
    }

    public static String child(String pointer, int index) {
        return pointer + "/" + index;
    }

    /** The parent pointer; the root's parent is the root. */
    public static String parent(String pointer) {
        int slash = pointer.lastIndexOf('/');
        return slash <= 0 ? "" : pointer.substring(0, slash);
    }

    /** Unescaped segments of a pointer; none for the root. */
    public static List<String> segments(String pointer) {
        List<String> segments = new ArrayList<>();
        if (pointer == null || pointer.isEmpty()) {
            return segments;
        }
        for (String raw : pointer.substring(1).split("/", -1)) {
            segments.add(raw.replace("~1", "/").replace("~0", "~"));
        }
        return segments;
    }
}
