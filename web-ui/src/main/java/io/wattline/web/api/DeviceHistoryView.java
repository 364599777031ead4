package io.wattline.web.api;

import io.wattline.collector.health.CommHistory;
import java.util.List;

/**
 * JSON of {@code GET /api/devices/{id}/history}: the device's state changes and errors since
 * start, newest first.
 *
 * @param capacity how many entries a device keeps at most (the oldest go first)
 */
public record DeviceHistoryView(String device, int capacity, List<CommHistory.Entry> entries) {
}
