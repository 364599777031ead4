package io.wattline.config;

import io.wattline.core.plant.Plant;
import io.wattline.core.tariff.TouTariff;
import io.wattline.profiles.DeviceProfile;
import io.wattline.profiles.ProfileCatalog;
import io.wattline.profiles.opcua.OpcUaProfile;
import io.wattline.profiles.opcua.OpcUaProfileLoader;
import io.wattline.profiles.yaml.ValidationError;
import io.wattline.profiles.yaml.YamlDocument;
import io.wattline.profiles.yaml.YamlSchemaValidator;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Loads the plant configuration file ({@code plant.yaml}): checks it against
 * {@code schema/plant.schema.json} and the semantic rules (references, profiles, unit ids, shift
 * tiling), resolves its tariff (bundled, a file next to it, or inline: {@link PlantTariffSection}),
 * and reports every error at once with file, line and field. Either the whole plant loads or
 * {@link ConfigException} is thrown: a bad file never half-runs.
 */
public final class PlantConfigLoader {

    public static final String SCHEMA_RESOURCE = "schema/plant.schema.json";

    private static final YamlSchemaValidator SCHEMA = new YamlSchemaValidator(SCHEMA_RESOURCE);

    private final Function<String, Optional<DeviceProfile>> profiles;
    private final Collection<String> knownProfileIds;
    private final Function<String, Optional<OpcUaProfile>> opcUaProfiles;
    private final Collection<String> knownOpcUaProfileIds;

    /**
     * @param profiles looks up a Modbus device profile by id ({@code vendor/model}); meters on
     *                 {@code opc-ua} connections are checked against the shipped OPC UA profiles
     */
    public PlantConfigLoader(Function<String, Optional<DeviceProfile>> profiles) {
        this(profiles, List.of());
    }

    /** @param knownProfileIds listed in "unknown profile" errors, with the closest one suggested */
    public PlantConfigLoader(Function<String, Optional<DeviceProfile>> profiles,
            Collection<String> knownProfileIds) {
        this(profiles, knownProfileIds, OpcUaProfileLoader.builtIn()::find, OpcUaProfileLoader.builtInIds());
    }

    /**
     * @param opcUaProfiles        looks up an OPC UA profile by id, for meters on {@code opc-ua} connections
     * @param knownOpcUaProfileIds listed (closest first) in "unknown OPC UA profile" errors
     */
    public PlantConfigLoader(Function<String, Optional<DeviceProfile>> profiles, Collection<String> knownProfileIds,
            Function<String, Optional<OpcUaProfile>> opcUaProfiles, Collection<String> knownOpcUaProfileIds) {
        this.profiles = profiles;
        this.knownProfileIds = List.copyOf(knownProfileIds);
        this.opcUaProfiles = opcUaProfiles;
        this.knownOpcUaProfileIds = List.copyOf(knownOpcUaProfileIds);
    }

    /**
     * A loader that knows the profiles shipped in the jar: the Modbus ones
     * ({@link ProfileCatalog#builtIn()}) and the OPC UA ones ({@link OpcUaProfileLoader#builtIn()}).
     */
    public static PlantConfigLoader withBuiltInProfiles() {
        ProfileCatalog catalog = ProfileCatalog.builtIn();
        return new PlantConfigLoader(catalog::find, catalog.ids());
    }

    /** A loader that knows exactly these Modbus profiles, and the shipped OPC UA profiles. */
    public static PlantConfigLoader withProfiles(Collection<DeviceProfile> known) {
        return withProfiles(known, OpcUaProfileLoader.builtIn().all());
    }

    /** A loader that knows exactly these Modbus and OPC UA profiles. */
    public static PlantConfigLoader withProfiles(Collection<DeviceProfile> known, Collection<OpcUaProfile> knownOpcUa) {
        List<DeviceProfile> copy = List.copyOf(known);
        List<OpcUaProfile> opcUaCopy = List.copyOf(knownOpcUa);
        return new PlantConfigLoader(
                id -> copy.stream().filter(p -> p.id().equals(id)).findFirst(),
                copy.stream().map(DeviceProfile::id).sorted().toList(),
                id -> opcUaCopy.stream().filter(p -> p.id().equals(id)).findFirst(),
                opcUaCopy.stream().map(OpcUaProfile::id).sorted().toList());
    }

    /** A plant file; a {@code tariff: { file: ... }} is read relative to its folder. */
    public Plant load(Path file) throws ConfigException {
        return parse(file.toString(), ConfigFiles.read(file), besideFile(file));
    }

    /** A plant file on the classpath; a {@code tariff: { file: ... }} is a resource relative to it. */
    public Plant loadResource(String classpathResource) throws ConfigException {
        String text = ConfigFiles.resource(classpathResource).orElseThrow(() -> new ConfigException(List.of(
                new ValidationError(classpathResource, 0, 0, "", "no such resource on the classpath"))));
        return parse(classpathResource, text, besideResource(classpathResource));
    }

    /**
     * Checks and maps YAML text; {@code fileName} names it in error messages, and a
     * {@code tariff: { file: ... }} is read relative to its folder (the working directory when it has none).
     */
    public Plant parse(String fileName, String yamlText) throws ConfigException {
        Path named;
        try {
            named = Path.of(fileName);
        } catch (InvalidPathException e) {
            named = Path.of("plant.yaml"); // a label such as "docs#example", not a path: the working directory
        }
        return parse(fileName, yamlText, besideFile(named));
    }

    private Plant parse(String fileName, String yamlText, PlantTariffSection.Neighbours neighbours)
            throws ConfigException {
        YamlSchemaValidator.Result result = SCHEMA.check(fileName, yamlText);
        if (result.document() == null) {
            throw new ConfigException(result.errors());
        }
        List<ValidationError> errors = new ArrayList<>(result.errors());
        for (ValidationError semantic : semanticErrors(result.document())) {
            if (!misspelt(semantic, result.errors())) {
                errors.add(semantic);
            }
        }
        Optional<TouTariff> tariff = Optional.empty();
        if (result.document().root().isObject()) {
            TariffFileLoader.Checked checked = PlantTariffSection.resolve(result.document(), neighbours);
            errors.addAll(checked.errors());
            tariff = checked.tariff();
        }
        if (!errors.isEmpty()) {
            // this file's errors by position, then those of a tariff file it names
            errors.sort(Comparator.comparing((ValidationError e) -> !e.file().equals(fileName))
                    .thenComparingInt(ValidationError::line).thenComparingInt(ValidationError::column));
            throw new ConfigException(errors);
        }
        return PlantMapper.map(result.document().root(), tariff);
    }

    /** Every error in the file; empty when it loads. */
    public List<ValidationError> validate(Path file) {
        try {
            load(file);
            return List.of();
        } catch (ConfigException e) {
            return e.errors();
        }
    }

    private List<ValidationError> semanticErrors(YamlDocument document) {
        if (!document.root().isObject()) {
            return List.of();
        }
        List<ValidationError> errors = new ArrayList<>();
        MeterProfiles meterProfiles = new MeterProfiles(profiles, opcUaProfiles);
        errors.addAll(new PlantTreeChecks(document, meterProfiles, knownProfileIds, knownOpcUaProfileIds).run());
        errors.addAll(new PollingChecks(document).run());
        errors.addAll(new CalendarChecks(document).run());
        errors.addAll(new AccountingChecks(document, meterProfiles).run());
        errors.addAll(new PlausibilityChecks(document).run());
        errors.addAll(new NotificationChecks(document).run());
        errors.addAll(new ReportChecks(document).run());
        errors.addAll(new AlarmChecks(document, meterProfiles).run());
        return errors;
    }

    /**
     * A field the rules require (unitId on Modbus) but the user misspelt was already reported as
     * an unknown field with a "did you mean" hint; saying "missing" as well would be noise.
     */
    private static boolean misspelt(ValidationError missing, List<ValidationError> schemaErrors) {
        if (!missing.message().startsWith("missing required field '")) {
            return false;
        }
        int dot = missing.field().lastIndexOf('.');
        String parent = dot < 0 ? "" : missing.field().substring(0, dot + 1);
        String name = missing.field().substring(dot + 1);
        return schemaErrors.stream().anyMatch(e -> e.field().startsWith(parent)
                && e.field().indexOf('.', parent.length()) < 0
                && e.message().startsWith("unknown field")
                && e.message().endsWith("did you mean '" + name + "'?"));
    }

    /** Files relative to the folder of a plant file (the working directory for a bare name). */
    private static PlantTariffSection.Neighbours besideFile(Path plantFile) {
        Path folder = plantFile.toAbsolutePath().getParent();
        return new PlantTariffSection.Neighbours() {
            @Override
            public Optional<PlantTariffSection.Text> read(String relativePath) throws ConfigException {
                Path file = folder.resolve(relativePath).normalize();
                return Files.isRegularFile(file)
                        ? Optional.of(new PlantTariffSection.Text(file.toString(), ConfigFiles.read(file)))
                        : Optional.empty();
            }

            @Override
            public String describe(String relativePath) {
                return folder.resolve(relativePath).normalize().toString();
            }
        };
    }

    /** Resources relative to the classpath folder of a plant resource. */
    private static PlantTariffSection.Neighbours besideResource(String plantResource) {
        int slash = plantResource.lastIndexOf('/');
        String folder = slash < 0 ? "" : plantResource.substring(0, slash + 1);
        return relativePath -> {
            String resource = Path.of(folder + relativePath).normalize().toString().replace('\\', '/');
            Optional<String> text = resource.startsWith("..") ? Optional.empty() : ConfigFiles.resource(resource);
            return text.map(t -> new PlantTariffSection.Text("classpath:" + resource, t));
        };
    }
}
