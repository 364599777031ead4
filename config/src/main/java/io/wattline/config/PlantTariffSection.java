package io.wattline.config;

import io.wattline.core.tariff.TouTariff;
import io.wattline.profiles.yaml.Spelling;
import io.wattline.profiles.yaml.ValidationError;
import io.wattline.profiles.yaml.YamlDocument;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * A plant file's {@code tariff:} in its three forms, all in the one tariff format: the id of a
 * bundled tariff ({@code tariff: guangdong-2021}), a tariff file next to the plant file
 * ({@code tariff: { file: tariffs/ours.yaml }}), or a whole tariff written inline. The old
 * one-pattern form gets one error that says how to write it now.
 */
final class PlantTariffSection {

    static final String POINTER = "/tariff";

    static final String OLD_FORM = "the one-pattern tariff form (periods and prices directly under tariff:) is no"
            + " longer read; write the tariff in the fields of a tariff file (docs/configuration.md#tariff): move"
            + " periods into seasons: [{ name: all-year, months: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12],"
            + " periods: [...] }], prices into prices: { per_band: { peak: ..., flat: ..., valley: ... } }, and add"
            + " id, region, effective_from and sources; or name a bundled tariff (tariff: guangdong-2021) or a file"
            + " (tariff: { file: tariffs/ours.yaml })";

    /** Finds a file named relative to the plant file. */
    @FunctionalInterface
    interface Neighbours {
        /** The file's name for messages and its text; empty when there is no such file. */
        Optional<Text> read(String relativePath) throws ConfigException;

        /** Where relative paths start, for the "no such file" message. */
        default String describe(String relativePath) {
            return relativePath;
        }
    }

    /** A file found next to the plant file. */
    record Text(String name, String content) {
    }

    private PlantTariffSection() {
    }

    /** The resolved tariff (empty without a section), or the errors of the section and of a referenced file. */
    static TariffFileLoader.Checked resolve(YamlDocument plant, Neighbours neighbours) {
        JsonNode section = plant.at(POINTER);
        if (section.isMissingNode()) {
            return new TariffFileLoader.Checked(List.of(), Optional.empty());
        }
        if (section.isString()) {
            return bundled(plant, section.asString());
        }
        if (!section.isObject()) {
            return failed(); // the plant schema reports the type
        }
        if (section.has("periods") || oldPrices(section.path("prices"))) {
            String field = section.has("periods") ? "/periods" : "/prices";
            return failed(plant.error(POINTER + field, OLD_FORM));
        }
        if (section.has("file")) {
            return file(plant, section, neighbours);
        }
        return TariffFileLoader.checkSection(plant, POINTER);
    }

    private static TariffFileLoader.Checked bundled(YamlDocument plant, String id) {
        if (TariffFileLoader.BUNDLED.contains(id)) {
            return new TariffFileLoader.Checked(List.of(), Optional.of(TariffFileLoader.bundled(id)));
        }
        String hint = id.contains("/") || id.endsWith(".yaml")
                ? "; a file is written tariff: { file: " + id + " }"
                : "; your own tariff goes in a file (tariff: { file: tariffs/ours.yaml }) or inline";
        return failed(plant.error(POINTER, "unknown bundled tariff '" + id + "' (bundled: "
                + String.join(", ", TariffFileLoader.BUNDLED) + ")" + Spelling.didYouMean(id, TariffFileLoader.BUNDLED)
                + hint));
    }

    private static TariffFileLoader.Checked file(YamlDocument plant, JsonNode section, Neighbours neighbours) {
        for (String field : section.propertyNames()) {
            if (!field.equals("file")) {
                return failed(plant.error(POINTER + "/" + field, "unknown field '" + field + "' next to file (a tariff"
                        + " is either { file: path } alone or written out inline)"));
            }
        }
        JsonNode file = section.path("file");
        if (!file.isString() || file.asString().isBlank()) {
            return failed(plant.error(POINTER + "/file", "expected the path of a tariff file, relative to this"
                    + " file's folder, e.g. tariffs/ours.yaml"));
        }
        try {
            Optional<Text> text = neighbours.read(file.asString());
            if (text.isEmpty()) {
                return failed(plant.error(POINTER + "/file", "no such file: " + neighbours.describe(file.asString())
                        + " (the path is relative to this file's folder)"));
            }
            TouTariff tariff = TariffFileLoader.parse(text.get().name(), text.get().content());
            return new TariffFileLoader.Checked(List.of(), Optional.of(tariff));
        } catch (ConfigException e) {
            return new TariffFileLoader.Checked(e.errors(), Optional.empty()); // located in the tariff file
        }
    }

    /** {@code prices: { peak: 1.02 }}: band names right under prices, as the old form wrote them. */
    private static boolean oldPrices(JsonNode prices) {
        return prices.isObject() && prices.propertyNames().stream().anyMatch(f -> TariffChecks.band(f).isPresent());
    }

    private static TariffFileLoader.Checked failed(ValidationError... errors) {
        return new TariffFileLoader.Checked(List.of(errors), Optional.empty());
    }
}
