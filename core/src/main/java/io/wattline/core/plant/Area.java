package io.wattline.core.plant;

/** A building or workshop within a site. */
public record Area(String id, String name, String siteId) {
}
