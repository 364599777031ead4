package io.wattline.core.plant;

/** A production line within an area; consumption is accounted per line. */
public record ProductionLine(String id, String name, String areaId) {
}
