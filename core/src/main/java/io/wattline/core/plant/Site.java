package io.wattline.core.plant;

/** A plant site; the top of the plant tree. */
public record Site(String id, String name) {
}
