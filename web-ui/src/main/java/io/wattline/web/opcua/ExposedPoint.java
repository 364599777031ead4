package io.wattline.web.opcua;

import io.wattline.core.PointId;

/**
 * One plant point as the north-bound server shows it: {@code Objects/Plant/<site>/<group>/<device>/<name>}.
 *
 * @param group the production line, else the area, else {@code _site} for a meter that belongs to neither
 */
public record ExposedPoint(PointId id, String site, String group, String device, String name, String unit,
        String description) {

    /** The browse path below Objects, e.g. {@code Plant/plant1/line1/m1/active_power}. */
    public String path() {
        return "Plant/" + site + "/" + group + "/" + device + "/" + name;
    }
}
