package io.wattline.core.plant;

/**
 * A major consumer (compressor, boiler, furnace). It belongs to a line, or directly to an area
 * when it serves the whole area ({@code lineId} is then null).
 */
public record Equipment(String id, String name, String areaId, String lineId) {
}
