package io.wattline.web;

import io.wattline.collector.live.PointInfo;
import java.util.List;

/**
 * Every point the application collects, from the Modbus collector and the OPC UA client, in plant
 * order: what the API lists, the live stream forwards and the north-bound server exposes.
 */
public record PointDirectory(List<PointInfo> points) {

    public PointDirectory {
        points = List.copyOf(points);
    }
}
