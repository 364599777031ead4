package io.wattline.config;

import io.wattline.core.tariff.TouTariff;
import io.wattline.profiles.yaml.ValidationError;
import io.wattline.profiles.yaml.YamlDocument;
import io.wattline.profiles.yaml.YamlSchemaValidator;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * Reads time-of-use tariff files ({@code schema/tariff.schema.json} plus {@link TariffChecks}) into
 * core's {@link TouTariff}; every error, schema or semantic, as {@code file:line:column: field: message}.
 * The bundled province tariffs ship under {@code tariffs/<id>.yaml}; a plant file's {@code tariff:}
 * section uses the same format (see {@link PlantTariffSection}).
 */
public final class TariffFileLoader {

    public static final String SCHEMA_RESOURCE = "schema/tariff.schema.json";
    /** Classpath folder of the bundled tariffs. */
    public static final String BUNDLED_FOLDER = "tariffs/";
    /** Ids of the bundled tariffs; a test keeps it equal to the folder. */
    public static final List<String> BUNDLED = List.of("guangdong-2021", "sichuan-2023");

    private static final YamlSchemaValidator SCHEMA = new YamlSchemaValidator(SCHEMA_RESOURCE);
    private static final Map<String, TouTariff> BUNDLED_LOADED = new ConcurrentHashMap<>();

    private TariffFileLoader() {
    }

    /**
     * A bundled tariff by id, e.g. {@code guangdong-2021}.
     *
     * @throws IllegalArgumentException for an id that is not bundled (the message lists the bundled ones)
     */
    public static TouTariff bundled(String id) {
        if (!BUNDLED.contains(id)) {
            throw new IllegalArgumentException("no bundled tariff '" + id + "' (bundled: " + String.join(", ", BUNDLED)
                    + ")");
        }
        return BUNDLED_LOADED.computeIfAbsent(id, TariffFileLoader::readBundled);
    }

    /** A tariff file. */
    public static TouTariff load(Path file) throws ConfigException {
        return parse(file.toString(), ConfigFiles.read(file));
    }

    /**
     * The tariff named by a setting such as {@code wattline.accounting.tariff}: a bundled id, else
     * the path of a tariff file.
     */
    public static TouTariff fromSetting(String setting) throws ConfigException {
        return BUNDLED.contains(setting.trim()) ? bundled(setting.trim()) : load(Path.of(setting.trim()));
    }

    /** Checks and maps YAML text; {@code fileName} is only used in error messages. */
    public static TouTariff parse(String fileName, String yamlText) throws ConfigException {
        YamlSchemaValidator.Result result = SCHEMA.check(fileName, yamlText);
        if (result.document() == null) {
            throw new ConfigException(result.errors());
        }
        Checked checked = check(result.document(), "", result.errors());
        if (!checked.errors().isEmpty()) {
            throw new ConfigException(checked.errors());
        }
        return checked.tariff().orElseThrow();
    }

    /** Every error in the file; empty when it loads. */
    public static List<ValidationError> validate(Path file) {
        try {
            load(file);
            return List.of();
        } catch (ConfigException e) {
            return e.errors();
        }
    }

    /** The outcome of checking a tariff: its errors, or (when there are none) the tariff. */
    record Checked(List<ValidationError> errors, Optional<TouTariff> tariff) {
    }

    /** A tariff written out as a section of another file, e.g. {@code /tariff} of a plant file. */
    static Checked checkSection(YamlDocument document, String pointer) {
        return check(document, pointer, SCHEMA.validateSection(document, pointer));
    }

    private static Checked check(YamlDocument document, String pointer, List<ValidationError> schemaErrors) {
        List<ValidationError> errors = new ArrayList<>(schemaErrors);
        // where the schema has spoken about a field, a semantic message about it would only repeat it
        Set<String> reported = schemaErrors.stream().map(ValidationError::field).collect(Collectors.toSet());
        new TariffChecks(document, pointer).run().stream().filter(e -> !reported.contains(e.field()))
                .forEach(errors::add);
        if (!errors.isEmpty()) {
            errors.sort(Comparator.comparingInt(ValidationError::line).thenComparingInt(ValidationError::column));
            return new Checked(errors, Optional.empty());
        }
        try {
            return new Checked(List.of(), Optional.of(TariffMapper.map(document.at(pointer))));
        } catch (IllegalArgumentException e) {
            // the checks above mirror TouTariff's invariants; this is the net under them
            return new Checked(List.of(document.error(pointer, e.getMessage())), Optional.empty());
        }
    }

    private static TouTariff readBundled(String id) {
        String resource = BUNDLED_FOLDER + id + ".yaml";
        try {
            String text = ConfigFiles.resource(resource).orElseThrow(() -> new IllegalStateException(
                    "bundled tariff " + resource + " is missing from the classpath: the config jar is incomplete"));
            return parse("classpath:" + resource, text);
        } catch (ConfigException e) {
            throw new IllegalStateException("bundled tariff " + id + " is invalid: " + e.getMessage(), e);
        }
    }
}
