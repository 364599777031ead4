package io.wattline.core;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Stable identity of one measured point: the device it comes from and the point's name in the
 * device's profile. Rendered as {@code device.point}; both parts are stable identifiers, never
 * display names, so that renaming a meter in the UI does not split its series.
 */
public record PointId(String device, String point) implements Comparable<PointId> {

    private static final Pattern DEVICE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,63}");
    private static final Pattern POINT = Pattern.compile("[a-z0-9][a-z0-9_]{0,63}");

    public PointId {
        Objects.requireNonNull(device, "device");
        Objects.requireNonNull(point, "point");
        if (!DEVICE.matcher(device).matches()) {
            throw new IllegalArgumentException("device id '" + device
                    + "' must match " + DEVICE.pattern());
        }
        if (!POINT.matcher(point).matches()) {
            throw new IllegalArgumentException("point name '" + point
                    + "' must match " + POINT.pattern());
        }
    }

    /** Parses {@code device.point}. */
    public static PointId parse(String text) {
        int dot = text.indexOf('.');
        if (dot <= 0 || dot == text.length() - 1) {
            throw new IllegalArgumentException("point id '" + text + "' must be 'device.point'");
        }
        return new PointId(text.substring(0, dot), text.substring(dot + 1));
    }

    public static boolean isValidDeviceId(String id) {
        return id != null && DEVICE.matcher(id).matches();
    }

    public static boolean isValidPointName(String name) {
        return name != null && POINT.matcher(name).matches();
    }

    @Override
    public int compareTo(PointId o) {
        int c = device.compareTo(o.device);
        return c != 0 ? c : point.compareTo(o.point);
    }

    @Override
    public String toString() {
        return device + "." + point;
    }
}
