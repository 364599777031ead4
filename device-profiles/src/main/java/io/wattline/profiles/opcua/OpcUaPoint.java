package io.wattline.profiles.opcua;

import io.wattline.core.Quantity;
import java.time.Duration;

/**
 * One point of an OPC UA profile: which variable carries it (a node id, or a browse path from the
 * Objects folder) and how to monitor it. Engineering value = raw × {@code scale} + {@code offset}.
 *
 * @param nodeId           e.g. {@code ns=2;s=Line1.GoodCount} or {@code nsu=urn:plc;s=Line1.GoodCount}; null when a browse path is given
 * @param browsePath       e.g. {@code 2:Line1/2:GoodCount}, relative to Objects; null when a node id is given
 * @param samplingInterval how often the server samples the variable
 * @param queueSize        values the server keeps between two publishes (1 = latest only)
 * @param checkServerUnit  compare the variable's EngineeringUnits with the quantity's unit (convert or
 *                         refuse); false for a server that declares a wrong unit: scale and offset apply as written
 */
public record OpcUaPoint(
        String name,
        Quantity quantity,
        String unit,
        String nodeId,
        String browsePath,
        Duration samplingInterval,
        int queueSize,
        Deadband deadband,
        double scale,
        double offset,
        boolean checkServerUnit) {

    /** A point whose server unit is checked (the default). */
    public OpcUaPoint(String name, Quantity quantity, String unit, String nodeId, String browsePath,
            Duration samplingInterval, int queueSize, Deadband deadband, double scale, double offset) {
        this(name, quantity, unit, nodeId, browsePath, samplingInterval, queueSize, deadband, scale, offset, true);
    }

    public OpcUaPoint {
        if ((nodeId == null) == (browsePath == null)) {
            throw new IllegalArgumentException("point '" + name + "' needs exactly one of nodeId and browsePath");
        }
        if (queueSize < 1) {
            throw new IllegalArgumentException("point '" + name + "': queueSize must be at least 1, got " + queueSize);
        }
    }

    /** Where the variable is, as written in the profile. */
    public String address() {
        return nodeId != null ? nodeId : browsePath;
    }
}
