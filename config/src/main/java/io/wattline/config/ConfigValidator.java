package io.wattline.config;

import io.wattline.profiles.DeviceProfile;
import io.wattline.profiles.yaml.ValidationError;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Checks plant configuration files without starting anything ({@code ./wattline validate FILE}):
 * prints every error as {@code file:line:column: field: message} and returns the exit status.
 */
public final class ConfigValidator {

    private ConfigValidator() {
    }

    /** Validates the files named on the command line against the built-in profiles. */
    public static void main(String[] args) {
        List<Path> files = java.util.Arrays.stream(args).map(Path::of).toList();
        System.exit(run(PlantConfigLoader.withBuiltInProfiles(), files, System.out));
    }

    /** @return 0 when every file is valid, 1 otherwise */
    public static int run(List<Path> files, Function<String, Optional<DeviceProfile>> profiles,
            PrintStream out) {
        return run(new PlantConfigLoader(profiles), files, out);
    }

    /** Same, with a loader that can list the known profile ids in its messages. */
    public static int run(PlantConfigLoader loader, List<Path> files, PrintStream out) {
        if (files.isEmpty()) {
            out.println("usage: validate FILE...");
            return 1;
        }
        int invalid = 0;
        for (Path file : files) {
            List<ValidationError> errors = loader.validate(file);
            errors.forEach(out::println);
            if (errors.isEmpty()) {
                out.println(file + ": OK");
            } else {
                invalid++;
                out.println(file + ": " + errors.size() + (errors.size() == 1 ? " error" : " errors"));
            }
        }
        return invalid == 0 ? 0 : 1;
    }
}
