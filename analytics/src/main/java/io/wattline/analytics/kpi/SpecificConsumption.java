package io.wattline.analytics.kpi;

/**
 * Energy per unit of product (e.g. kWh/pcs, kgce/t): {@code energy ÷ production}; NaN when nothing
 * was produced. {@code productionSource} says whether the count came from a point or was entered by hand.
 */
public record SpecificConsumption(double energy, String energyUnit, double production, String productionUnit,
        String productionSource, double value) {

    public static SpecificConsumption of(double energy, String energyUnit, double production, String productionUnit,
            String productionSource) {
        double v = production > 0 ? energy / production : Double.NaN;
        return new SpecificConsumption(energy, energyUnit, production, productionUnit, productionSource, v);
    }

    public String unit() {
        return energyUnit + "/" + productionUnit;
    }
}
