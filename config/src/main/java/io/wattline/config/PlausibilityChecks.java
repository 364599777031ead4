package io.wattline.config;

import static io.wattline.config.ConfigNodes.objects;
import static io.wattline.config.ConfigNodes.text;

import io.wattline.config.ConfigNodes.Indexed;
import io.wattline.core.Quantity;
import io.wattline.core.plant.EnergyCarrier;
import io.wattline.profiles.yaml.Spelling;
import io.wattline.profiles.yaml.ValidationError;
import io.wattline.profiles.yaml.YamlDocument;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * Checks what the schema cannot about plausibility: a meter's limit fits its carrier ({@code maxPowerKw}
 * for electricity and heat, {@code maxFlowPerHour} for water, gas, steam and compressed air, never both),
 * and every {@code plausibleRanges} entry names a known quantity with min ≤ max.
 */
final class PlausibilityChecks {

    private final YamlDocument doc;
    private final List<ValidationError> errors = new ArrayList<>();

    PlausibilityChecks(YamlDocument doc) {
        this.doc = doc;
    }

    List<ValidationError> run() {
        for (Indexed m : objects(doc.root().path("meters"))) {
            meter("/meters/" + m.index(), m.node());
        }
        JsonNode ranges = doc.root().path("plausibleRanges");
        if (ranges.isObject()) {
            for (Map.Entry<String, JsonNode> e : ranges.properties()) {
                range("/plausibleRanges/" + e.getKey(), e.getKey(), e.getValue());
            }
        }
        return errors;
    }

    private void meter(String at, JsonNode m) {
        boolean power = m.has("maxPowerKw");
        boolean flow = m.has("maxFlowPerHour");
        if (!power && !flow) {
            return;
        }
        if (power && flow) {
            errors.add(doc.error(at + "/maxFlowPerHour", "give maxPowerKw (energy meters) or maxFlowPerHour (flow "
                    + "meters), not both (只能填写一个合理性上限)"));
            return;
        }
        EnergyCarrier carrier;
        try {
            carrier = EnergyCarrier.parse(text(m, "carrier"));
        } catch (RuntimeException e) {
            return; // the schema reports the carrier
        }
        boolean energy = carrier == EnergyCarrier.ELECTRICITY || carrier == EnergyCarrier.HEAT;
        if (carrier == EnergyCarrier.NONE) {
            errors.add(doc.error(at + (power ? "/maxPowerKw" : "/maxFlowPerHour"), "a meter without an energy carrier "
                    + "is not accounted: remove the limit or set the carrier (无能源介质的表计不需要合理性上限)"));
        } else if (power && !energy) {
            errors.add(doc.error(at + "/maxPowerKw", "maxPowerKw is for electricity and heat meters; a "
                    + carrier.name().toLowerCase() + " meter takes maxFlowPerHour (its counter's unit per hour, e.g. "
                    + "m3/h) (流量表请用 maxFlowPerHour)"));
        } else if (flow && energy) {
            errors.add(doc.error(at + "/maxFlowPerHour", "maxFlowPerHour is for water, gas, steam and compressed-air "
                    + "meters; an " + carrier.name().toLowerCase() + " meter takes maxPowerKw (kW) (电能/热能表请用 maxPowerKw)"));
        }
    }

    private void range(String at, String name, JsonNode range) {
        Quantity quantity;
        try {
            quantity = Quantity.parse(name);
        } catch (IllegalArgumentException e) {
            errors.add(doc.error(at, "unknown quantity '" + name + "'" + Spelling.didYouMean(name,
                    Arrays.stream(Quantity.values()).map(Quantity::name).toList()) + " (未知物理量)"));
            return;
        }
        JsonNode min = range.get("min");
        JsonNode max = range.get("max");
        if (min != null && max != null && min.isNumber() && max.isNumber() && min.asDouble() > max.asDouble()) {
            errors.add(doc.error(at + "/min", quantity + ": min " + min.asDouble() + " is above max " + max.asDouble()
                    + " " + quantity.unit() + " (下限大于上限)"));
        }
    }
}
