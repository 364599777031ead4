package io.wattline.profiles.opcua;

import java.util.List;
import java.util.Optional;

/**
 * An OPC UA device described as data ({@code opcua-profiles/<vendor>/<model>.yaml}): which
 * variables carry which quantities. The OPC UA counterpart of a Modbus register map.
 */
public record OpcUaProfile(String id, String vendor, String model, String description, List<OpcUaPoint> points) {

    public OpcUaProfile {
        points = List.copyOf(points);
    }

    public Optional<OpcUaPoint> point(String name) {
        return points.stream().filter(p -> p.name().equals(name)).findFirst();
    }
}
