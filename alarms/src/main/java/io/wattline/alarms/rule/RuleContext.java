package io.wattline.alarms.rule;

import io.wattline.alarms.Priority;
import io.wattline.core.PointId;
import io.wattline.core.alarm.RuleBasics;
import io.wattline.core.catalogue.CataloguedPoint;
import io.wattline.core.catalogue.PlantPlace;
import io.wattline.core.catalogue.PointCatalogue;
import io.wattline.core.energy.EnergyFigures;
import io.wattline.core.plant.Meter;
import io.wattline.core.plant.Plant;
import io.wattline.core.plant.ProductionLine;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What rules are built from besides their settings: the point catalogue (what a point is and where
 * it sits), the plant's zone and shift calendar, and the energy figures port.
 */
public record RuleContext(PointCatalogue catalogue, EnergyFigures figures) {

    public Plant plant() {
        return catalogue.plant();
    }

    public ZoneId zone() {
        return plant().zone();
    }

    /** A catalogued point, or an exception naming the rule (configuration checks report it first). */
    CataloguedPoint point(String ruleId, String id) {
        return catalogue.find(PointId.parse(id)).orElseThrow(() -> new IllegalArgumentException(
                "alarm rule " + ruleId + ": point " + id + " is not in the point catalogue"));
    }

    Meter meter(String ruleId, String id) {
        return plant().meter(id).orElseThrow(() -> new IllegalArgumentException(
                "alarm rule " + ruleId + ": no meter " + id));
    }

    ProductionLine line(String ruleId, String id) {
        return plant().lines().stream().filter(l -> l.id().equals(id)).findFirst().orElseThrow(
                () -> new IllegalArgumentException("alarm rule " + ruleId + ": no line " + id));
    }

    String lineOfMeter(String meterId) {
        return catalogue.place(meterId).map(PlantPlace::lineId).orElse(null);
    }

    String lineName(String lineId) {
        return lineId == null ? "" : plant().lines().stream().filter(l -> l.id().equals(lineId))
                .map(ProductionLine::name).findFirst().orElse(lineId);
    }

    /** Placeholder values of an alarm about a point. */
    Map<String, String> pointNames(RuleBasics basics, CataloguedPoint p) {
        Map<String, String> names = new LinkedHashMap<>();
        names.put("point", p.meterName() + " " + p.displayName());
        names.put("meter", p.meterName());
        names.put("line", lineName(p.place().lineId()));
        names.put("rule", basics.name());
        return names;
    }

    /** Placeholder values of an alarm about a meter as a whole. */
    Map<String, String> meterNames(RuleBasics basics, Meter m) {
        Map<String, String> names = new LinkedHashMap<>();
        names.put("point", m.name());
        names.put("meter", m.name());
        names.put("line", lineName(lineOfMeter(m.id())));
        names.put("rule", basics.name());
        return names;
    }

    /** Placeholder values of an alarm about a line. */
    Map<String, String> lineNames(RuleBasics basics, String lineId) {
        Map<String, String> names = new LinkedHashMap<>();
        names.put("point", lineName(lineId));
        names.put("meter", "");
        names.put("line", lineName(lineId));
        names.put("rule", basics.name());
        return names;
    }

    /** An alarm of a rule: its own templates, or the type's defaults. */
    static AlarmDefinition definition(RuleBasics basics, String type, String source, String condition, String lineId,
            String priority, Double limit, String unit, boolean suppressible, Map<String, String> names) {
        Map<String, String> texts = basics.messages().isEmpty() ? RuleTexts.defaults(type) : basics.messages();
        Map<String, MessageTemplate> templates = new LinkedHashMap<>();
        texts.forEach((language, text) -> templates.put(language, new MessageTemplate(text)));
        return new AlarmDefinition(basics.id(), basics.name(), type, source, condition, lineId,
                Priority.parse(priority == null ? basics.priority() : priority), limit, unit, basics.onDelay(),
                basics.offDelay(), suppressible, templates, names);
    }
}
