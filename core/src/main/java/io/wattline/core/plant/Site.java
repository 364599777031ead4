package io.wattline.core.plant;

/**
 * A plant site; the top of the plant tree.
 *
 * @param contractedDemandKw the supply contract's maximum demand (kW, 15-minute blocks), or null when not
 *     stated: the one figure the overview, the demand alarm and the reports compare against
 */
public record Site(String id, String name, Double contractedDemandKw) {

    public Site(String id, String name) {
        this(id, name, null);
    }
}
