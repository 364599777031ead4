package io.wattline.reports.model;

/**
 * A data-quality fact a figure rests on (a gap interpolated, a rollover bridged, a declared
 * replacement, readings repaired, no data), listed on its own sheet and referred to by id from the
 * rows it touches.
 */
public record QualityNote(String id, String meterId, String kind, String text) {
}
