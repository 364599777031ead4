package io.wattline.config;

import io.wattline.core.plant.Plant;
import io.wattline.profiles.DeviceProfile;
import io.wattline.profiles.ProfileCatalog;
import io.wattline.profiles.opcua.OpcUaProfile;
import io.wattline.profiles.opcua.OpcUaProfileLoader;
import io.wattline.profiles.yaml.ValidationError;
import io.wattline.profiles.yaml.YamlDocument;
import io.wattline.profiles.yaml.YamlSchemaValidator;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Loads the plant configuration file ({@code plant.yaml}): checks it against
 * {@code schema/plant.schema.json} and the semantic rules (references, profiles, unit ids, shift and
 * tariff tiling), and reports every error at once with file, line and field. Either the whole plant
 * loads or {@link ConfigException} is thrown: a bad file never half-runs.
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

    public Plant load(Path file) throws ConfigException {
        return parse(file.toString(), read(file));
    }

    public Plant loadResource(String classpathResource) throws ConfigException {
        ClassLoader loader = Thread.currentThread().getContextClassLoader() != null
                ? Thread.currentThread().getContextClassLoader() : PlantConfigLoader.class.getClassLoader();
        try (InputStream in = loader.getResourceAsStream(classpathResource)) {
            if (in == null) {
                throw new ConfigException(List.of(new ValidationError(classpathResource, 0, 0, "",
                        "no such resource on the classpath")));
            }
            return parse(classpathResource, decode(classpathResource, in.readAllBytes()));
        } catch (IOException e) {
            throw new ConfigException(List.of(new ValidationError(classpathResource, 0, 0, "",
                    "cannot read: " + e.getMessage())));
        }
    }

    /** Checks and maps YAML text; {@code fileName} is only used in error messages. */
    public Plant parse(String fileName, String yamlText) throws ConfigException {
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
        if (!errors.isEmpty()) {
            errors.sort(Comparator.comparingInt(ValidationError::line)
                    .thenComparingInt(ValidationError::column));
            throw new ConfigException(errors);
        }
        return PlantMapper.map(result.document().root());
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
        errors.addAll(new PlantTreeChecks(document, profiles, knownProfileIds, opcUaProfiles,
                knownOpcUaProfileIds).run());
        errors.addAll(new CalendarChecks(document).run());
        errors.addAll(new AccountingChecks(document, profiles, opcUaProfiles).run());
        errors.addAll(new NotificationChecks(document).run());
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

    private static String read(Path file) throws ConfigException {
        try {
            return decode(file.toString(), Files.readAllBytes(file));
        } catch (IOException e) {
            throw new ConfigException(List.of(new ValidationError(file.toString(), 0, 0, "",
                    "cannot read file: " + e)));
        }
    }

    /** Strict UTF-8: a file saved in GBK would otherwise load with garbled names and no error. */
    private static String decode(String fileName, byte[] bytes) throws ConfigException {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new ConfigException(List.of(new ValidationError(fileName, 0, 0, "",
                    "not valid UTF-8 text (save the file as UTF-8): " + e.getMessage())));
        }
    }
}
