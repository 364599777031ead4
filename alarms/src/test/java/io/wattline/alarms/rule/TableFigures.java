package io.wattline.alarms.rule;

import io.wattline.core.energy.EnergyFigures;
import io.wattline.core.plant.EnergyCarrier;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * Energy figures from a table the test fills, recording every question: the polled rules' logic is
 * tested here, the figures themselves in analytics against a real historian.
 */
final class TableFigures implements EnergyFigures {

    final Map<String, Double> consumption = new HashMap<>();
    BaselineFigure baseline;
    final List<String> asked = new ArrayList<>();

    @Override
    public OptionalDouble meterConsumption(String meterId, Instant from, Instant to) {
        asked.add("meter " + meterId + " " + from + " " + to);
        Double v = consumption.get(meterId);
        return v == null ? OptionalDouble.empty() : OptionalDouble.of(v);
    }

    @Override
    public OptionalDouble groupConsumption(Group group, String id, EnergyCarrier carrier, Instant from, Instant to) {
        asked.add(group + " " + id + " " + carrier + " " + from + " " + to);
        Double v = consumption.get(id);
        return v == null ? OptionalDouble.empty() : OptionalDouble.of(v);
    }

    @Override
    public Optional<BaselineFigure> baseline(String lineId, EnergyCarrier carrier, String period, Instant baselineFrom,
            Instant baselineTo, Instant from, Instant to) {
        asked.add("baseline " + lineId + " " + period + " " + baselineFrom + " " + baselineTo + " " + from + " " + to);
        return Optional.ofNullable(baseline);
    }
}
