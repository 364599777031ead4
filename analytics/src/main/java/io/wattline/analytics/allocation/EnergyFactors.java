package io.wattline.analytics.allocation;

import io.wattline.core.plant.EnergyCarrier;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * Conversion of each carrier's own unit to the common totals: kilograms of standard coal equivalent
 * (kgce, 1 kgce = 29 307.6 kJ) and kWh equivalent (kgce ÷ the electricity factor, i.e. by calorific
 * value). Defaults from GB/T 2589; see docs/accounting.md for sources and which values were checked.
 */
public record EnergyFactors(Map<EnergyCarrier, Factor> factors) {

    /** kgce per kWh of electricity, GB/T 2589 Annex A (equivalent value, 当量值). */
    public static final double ELECTRICITY_KGCE_PER_KWH = 0.1229;

    /** One carrier's factor: {@code kgcePerUnit} kgce for one {@code unit} of the carrier. */
    public record Factor(String unit, double kgcePerUnit, String source) {
        public Factor {
            if (!(kgcePerUnit >= 0) || !Double.isFinite(kgcePerUnit)) {
                throw new IllegalArgumentException("factor for " + unit + " must be finite and >= 0, was "
                        + kgcePerUnit);
            }
        }
    }

    public EnergyFactors {
        factors = Map.copyOf(factors);
    }

    /**
     * GB/T 2589 defaults. Water is not an energy in GB/T 2589 (it is an energy-consuming working
     * medium, 耗能工质), so it is left out of the energy totals; {@link #withWaterAsWorkingMedium()}
     * adds it for plants whose practice counts it.
     */
    public static EnergyFactors gbt2589Defaults() {
        Map<EnergyCarrier, Factor> m = new EnumMap<>(EnergyCarrier.class);
        m.put(EnergyCarrier.ELECTRICITY, new Factor("kWh", ELECTRICITY_KGCE_PER_KWH,
                "GB/T 2589 Annex A, electricity equivalent value"));
        m.put(EnergyCarrier.HEAT, new Factor("kWh", ELECTRICITY_KGCE_PER_KWH,
                "3.6 MJ per kWh / 29.3076 MJ per kgce"));
        m.put(EnergyCarrier.NATURAL_GAS, new Factor("m3", 1.2143,
                "GB/T 2589 Annex A, natural gas 1.1000-1.3300 kgce/m3; 1.2143 = 35 588 kJ/m3 as commonly used"));
        m.put(EnergyCarrier.STEAM, new Factor("t", 128.6,
                "GB/T 2589 Annex A, low-pressure steam 0.1286 kgce/kg (3 763 MJ/t)"));
        m.put(EnergyCarrier.COMPRESSED_AIR, new Factor("m3", 0.0400,
                "GB/T 2589 Annex B working media, compressed air 1.17 MJ/m3"));
        return new EnergyFactors(m);
    }

    /** These factors plus fresh water as a working medium at 0.0857 kgce/t (GB/T 2589 Annex B, 2.51 MJ/t; 1 m3 = 1 t). */
    public EnergyFactors withWaterAsWorkingMedium() {
        return with(EnergyCarrier.WATER, new Factor("m3", 0.0857,
                "GB/T 2589 Annex B working media, fresh water 2.51 MJ/t"));
    }

    /** These factors with one carrier's factor replaced (configuration). */
    public EnergyFactors with(EnergyCarrier carrier, Factor factor) {
        Map<EnergyCarrier, Factor> m = new EnumMap<>(EnergyCarrier.class);
        m.putAll(factors);
        m.put(carrier, factor);
        return new EnergyFactors(m);
    }

    /**
     * kgce of {@code amount} of {@code carrier} measured in {@code unit}; empty when the carrier has
     * no factor or the factor is for another unit (never a silent wrong conversion).
     */
    public Optional<Double> kgce(EnergyCarrier carrier, String unit, double amount) {
        Factor f = factors.get(carrier);
        if (f == null || !f.unit().equals(unit)) {
            return Optional.empty();
        }
        return Optional.of(amount * f.kgcePerUnit());
    }

    /** kWh equivalent (by calorific value) of {@code amount}; electricity and heat stay as they are. */
    public Optional<Double> kwhEquivalent(EnergyCarrier carrier, String unit, double amount) {
        if ((carrier == EnergyCarrier.ELECTRICITY || carrier == EnergyCarrier.HEAT) && unit.equals("kWh")) {
            return factors.containsKey(carrier) ? Optional.of(amount) : Optional.empty();
        }
        return kgce(carrier, unit, amount).map(kg -> kg / ELECTRICITY_KGCE_PER_KWH);
    }
}
