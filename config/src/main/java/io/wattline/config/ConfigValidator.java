package io.wattline.config;

import io.wattline.profiles.DeviceProfile;
import io.wattline.profiles.LoadedProfile;
import io.wattline.profiles.ProfileCatalog;
import io.wattline.profiles.ProfileException;
import io.wattline.profiles.ProfileLoader;
import io.wattline.profiles.RecordedFrames;
import io.wattline.profiles.opcua.OpcUaProfileLoader;
import io.wattline.profiles.yaml.ValidationError;
import io.wattline.profiles.yaml.YamlDocument;
import io.wattline.profiles.yaml.YamlSyntaxException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Checks configuration files without starting anything ({@code ./wattline validate FILE...}): plant
 * files, tariff files, Modbus profiles (with their recorded frames) and OPC UA profiles, each kind
 * told from its content ({@link ConfigKind}). Prints every error as
 * {@code file:line:column: field: message} and returns the exit status.
 */
public final class ConfigValidator {

    private static final String FRAMES_SUFFIX = ".frames.yaml";

    private final Function<Path, List<ValidationError>> plants;

    /** @param plants checks plant files (it knows the profiles their meters may name) */
    public ConfigValidator(PlantConfigLoader plants) {
        this.plants = plants::validate;
    }

    /**
     * Checks plant files against the shipped profiles, those of {@code profileFolders} and those of
     * the folders each plant file names itself ({@code profiles:}).
     */
    public ConfigValidator(List<Path> profileFolders) {
        List<Path> folders = List.copyOf(profileFolders);
        this.plants = file -> {
            try {
                return ProfileLibrary.forPlant(file, folders).plantLoader().validate(file);
            } catch (ConfigException e) {
                return e.errors();
            }
        };
    }

    /** Validates the files named on the command line; plants against the built-in profiles. */
    public static void main(String[] args) {
        List<Path> files = Arrays.stream(args).map(Path::of).toList();
        System.exit(run(PlantConfigLoader.withBuiltInProfiles(), files, System.out));
    }

    /** @return 0 when every file is valid, 1 otherwise */
    public static int run(List<Path> files, Function<String, Optional<DeviceProfile>> profiles, PrintStream out) {
        return run(new PlantConfigLoader(profiles), files, out);
    }

    /** Same, with a loader that can list the known profile ids in its messages. */
    public static int run(PlantConfigLoader loader, List<Path> files, PrintStream out) {
        if (files.isEmpty()) {
            out.println("usage: validate FILE...");
            return 1;
        }
        ConfigValidator validator = new ConfigValidator(loader);
        int invalid = 0;
        for (Path file : files) {
            invalid += report(file, validator.errors(file), out) ? 0 : 1;
        }
        return invalid == 0 ? 0 : 1;
    }

    /**
     * What {@code validate [--profiles DIR]... FILE...} runs: each profile folder checked as a whole
     * (every profile, its frames, the shadowing rules), then each file, plant files with the
     * folders' profiles and their own.
     *
     * @return 0 when every folder and file is valid, 1 otherwise
     */
    public static int run(List<Path> profileFolders, List<Path> files, PrintStream out) {
        if (files.isEmpty() && profileFolders.isEmpty()) {
            out.println("usage: validate [--profiles DIR]... FILE...");
            return 1;
        }
        int invalid = 0;
        for (Path folder : profileFolders) {
            invalid += checkFolder(folder, out) ? 0 : 1;
        }
        ConfigValidator validator = new ConfigValidator(profileFolders);
        for (Path file : files) {
            invalid += report(file, validator.errors(file), out) ? 0 : 1;
        }
        return invalid == 0 ? 0 : 1;
    }

    /** One profile folder: every profile loads and decodes its frames; prints what it holds. */
    private static boolean checkFolder(Path folder, PrintStream out) {
        try {
            ProfileLibrary library = ProfileLibrary.load(List.of(folder));
            library.notes().forEach(n -> out.println(folder + ": " + n));
            out.println(folder + ": OK");
            return true;
        } catch (ConfigException e) {
            return report(folder, e.errors(), out);
        }
    }

    /** Checks one file as a plant configuration, whatever it contains (for {@code run --config}). */
    public static int runPlant(PlantConfigLoader loader, Path file, PrintStream out) {
        return report(file, loader.validate(file), out) ? 0 : 1;
    }

    /** The same with the profiles of {@code profileFolders} and of the plant's own {@code profiles:}. */
    public static int runPlant(List<Path> profileFolders, Path file, PrintStream out) {
        return report(file, new ConfigValidator(profileFolders).plants.apply(file), out) ? 0 : 1;
    }

    /** Every error of one file, of whichever kind it is; empty when it is valid. */
    public List<ValidationError> errors(Path file) {
        String text;
        YamlDocument document;
        try {
            text = ConfigFiles.read(file);
            document = YamlDocument.parse(file.toString(), text);
        } catch (ConfigException e) {
            return e.errors();
        } catch (YamlSyntaxException e) {
            return List.of(e.error());
        }
        Optional<ConfigKind> kind = ConfigKind.of(document.root());
        if (kind.isEmpty()) {
            return List.of(document.error("", ConfigKind.UNKNOWN));
        }
        try {
            return switch (kind.get()) {
                case PLANT -> plants.apply(file);
                case GROUP -> group(file);
                case TARIFF -> TariffFileLoader.validate(file);
                case OPCUA_PROFILE -> {
                    OpcUaProfileLoader.parse(profileId(file), file.toString(), text);
                    yield List.of();
                }
                case MODBUS_PROFILE -> modbusProfile(file, text);
            };
        } catch (ProfileException e) {
            return e.problems();
        }
    }

    /**
     * A group file, then the plant file of each site that names one (a central loads them all), and
     * in it the sites its report definitions name ({@code site:} must be a site using that file).
     */
    private List<ValidationError> group(Path file) {
        try {
            List<ValidationError> errors = new java.util.ArrayList<>();
            io.wattline.core.fleet.FleetGroup group = GroupFileLoader.load(file);
            List<String> siteIds = group.sites().stream().map(io.wattline.core.fleet.FleetGroup.Site::id).toList();
            java.util.Map<Path, List<String>> sitesByPlant = new java.util.LinkedHashMap<>();
            for (io.wattline.core.fleet.FleetGroup.Site site : group.sites()) {
                if (site.plant() != null) {
                    sitesByPlant.computeIfAbsent(site.plant(), p -> new java.util.ArrayList<>()).add(site.id());
                }
            }
            sitesByPlant.forEach((plant, sites) -> {
                List<ValidationError> plantErrors = plants.apply(plant);
                errors.addAll(plantErrors);
                if (plantErrors.isEmpty()) {
                    errors.addAll(ReportSites.check(plant, sites, siteIds, file.toString()));
                }
            });
            return errors;
        } catch (ConfigException e) {
            return e.errors();
        }
    }

    /** A Modbus profile and the recorded frames next to it ({@code <model>.frames.yaml}), as the catalogue checks them. */
    private static List<ValidationError> modbusProfile(Path file, String text) {
        String id = profileId(file);
        LoadedProfile profile = ProfileLoader.load(id, file.toString(), text);
        Path frames = file.resolveSibling(file.getFileName().toString().replaceFirst("\\.ya?ml$", "") + FRAMES_SUFFIX);
        if (!Files.isRegularFile(frames)) {
            return List.of(new ValidationError(frames.toString(), 0, 0, "",
                    "missing: every profile needs recorded frames (see device-profiles/README.md)"));
        }
        try {
            return ProfileCatalog.verifyFrames(profile, RecordedFrames.parse(id, frames.toString(), ConfigFiles.read(frames)));
        } catch (ConfigException e) {
            return e.errors();
        }
    }

    /** {@code <vendor>/<model>} from {@code .../<vendor>/<model>.yaml}, as the catalogues name profiles. */
    private static String profileId(Path file) {
        String model = file.getFileName().toString().replaceFirst("\\.ya?ml$", "");
        Path folder = file.toAbsolutePath().getParent();
        return folder == null || folder.getFileName() == null ? model : folder.getFileName() + "/" + model;
    }

    /** A plant file's overrides of its site's contracted maximum demand ({@link ContractedDemand}). */
    private static List<String> contractWarnings(Path file) {
        try {
            YamlDocument document = YamlDocument.parse(file.toString(), ConfigFiles.read(file));
            return ConfigKind.of(document.root()).orElse(null) == ConfigKind.PLANT
                    ? ContractedDemand.warnings(document) : List.of();
        } catch (Exception e) {
            return List.of(); // unreadable: the errors printed next say why
        }
    }

    /** Prints the errors and the verdict; true when there were none. */
    private static boolean report(Path file, List<ValidationError> errors, PrintStream out) {
        SecretWarnings.of(file).forEach(out::println);
        contractWarnings(file).forEach(out::println);
        errors.forEach(out::println);
        if (errors.isEmpty()) {
            out.println(file + ": OK");
            return true;
        }
        out.println(file + ": " + errors.size() + (errors.size() == 1 ? " error" : " errors"));
        return false;
    }
}
