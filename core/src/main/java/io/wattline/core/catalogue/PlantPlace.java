package io.wattline.core.catalogue;

/**
 * Where a meter (and so each of its points) sits in the plant tree, resolved once: a meter's line is
 * its own or its equipment's; its area its own, its line's or its equipment's; its site its area's.
 * Any part may be null (a main incomer belongs to a site only).
 */
public record PlantPlace(String siteId, String areaId, String lineId, String equipmentId, String costCentreId) {

    /** A place outside the tree (points of no meter, e.g. system points). */
    public static PlantPlace none() {
        return new PlantPlace(null, null, null, null, null);
    }
}
