package io.wattline.core.plant;

/** A finance cost centre that meters are charged to. */
public record CostCentre(String id, String name) {
}
