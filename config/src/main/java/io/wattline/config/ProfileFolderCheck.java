package io.wattline.config;

import io.wattline.profiles.DeviceProfile;
import io.wattline.profiles.FrameVerifier;
import io.wattline.profiles.LoadedProfile;
import io.wattline.profiles.ProfileCatalog;
import io.wattline.profiles.ProfileException;
import io.wattline.profiles.ProfileFolders;
import io.wattline.profiles.ProfileKind;
import io.wattline.profiles.ProfileLoader;
import io.wattline.profiles.RecordedFrames;
import io.wattline.profiles.opcua.OpcUaProfileLoader;
import io.wattline.profiles.yaml.ValidationError;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code ./wattline profile check DIR...}: the frame suite on a site's profile folder, as the build
 * runs it on the shipped profiles. Each Modbus profile is loaded (schema, linter) and each of its
 * recorded cases decoded, listed with how many values came out as recorded; OPC UA profiles are
 * checked by their loader; the shadowing rules are checked against the shipped ids. Problems print
 * as {@code file:line:column: field: message}.
 */
public final class ProfileFolderCheck {

    private ProfileFolderCheck() {
    }

    /** @return 0 when every profile of every folder is valid and decodes its frames, 1 otherwise */
    public static int run(List<Path> folders, PrintStream out) {
        if (folders.isEmpty()) {
            out.println("usage: profile check DIR...");
            return 1;
        }
        int problems = 0;
        for (Path folder : folders) {
            problems += check(folder, out);
        }
        return problems == 0 ? 0 : 1;
    }

    private static int check(Path folder, PrintStream out) {
        ProfileFolders scanned;
        try {
            scanned = ProfileFolders.scan(List.of(folder));
        } catch (ProfileException e) {
            return verdict(folder, e.problems(), out);
        }
        List<ValidationError> problems = new ArrayList<>();
        problems.addAll(scanned.shadowingProblems(ProfileKind.MODBUS,
                ProfileCatalog.builtIn().ids()));
        problems.addAll(scanned.shadowingProblems(ProfileKind.OPC_UA, OpcUaProfileLoader.builtInIds()));
        for (ProfileFolders.ProfileFile f : scanned.files(ProfileKind.MODBUS)) {
            problems.addAll(modbus(f, out));
        }
        for (ProfileFolders.ProfileFile f : scanned.files(ProfileKind.OPC_UA)) {
            try {
                OpcUaProfileLoader.parse(f.id(), f.file().toString(), f.text());
                out.println(f.id() + " (OPC UA profile, " + f.file() + "): loads");
            } catch (ProfileException e) {
                out.println(f.id() + " (OPC UA profile, " + f.file() + "): " + count(e.problems().size()));
                problems.addAll(e.problems());
            }
        }
        if (scanned.files().isEmpty()) {
            out.println(folder + ": no <vendor>/<model>.yaml profiles");
        }
        return verdict(folder, problems, out);
    }

    /** One Modbus profile: loads, and each recorded case decodes to its values. */
    private static List<ValidationError> modbus(ProfileFolders.ProfileFile f, PrintStream out) {
        String title = f.id() + " (Modbus profile, " + f.file() + ")";
        LoadedProfile model;
        try {
            model = ProfileLoader.load(f.id(), f.file().toString(), f.text());
        } catch (ProfileException e) {
            out.println(title + ": does not load, " + count(e.problems().size()));
            return e.problems();
        }
        Path framesFile = f.framesFile();
        if (!Files.isRegularFile(framesFile)) {
            out.println(title + ": no recorded frames");
            return List.of(new ValidationError(framesFile.toString(), 0, 0, "", "missing: every profile needs recorded"
                    + " frames (request/response hex and the values they decode to)"));
        }
        RecordedFrames frames;
        try {
            frames = RecordedFrames.parse(f.id(), framesFile.toString(), ConfigFiles.read(framesFile));
        } catch (ProfileException e) {
            out.println(title + ": its frames do not load, " + count(e.problems().size()));
            return e.problems();
        } catch (ConfigException e) {
            return e.errors();
        }
        DeviceProfile profile = model.profile();
        List<ValidationError> problems = ProfileCatalog.verifyFrames(model, frames);
        out.println(title + ": " + profile.points().size() + " points, " + frames.cases().size() + " recorded cases"
                + (model.variants().isEmpty() ? "" : ", variants " + model.variants().stream()
                        .map(v -> v.id() + (v.isDefault() ? " (default)" : "")).toList())
                + (model.identify().isEmpty() ? "" : ", " + model.identify().size() + " identify check(s)"));
        Map<String, int[]> perCase = new LinkedHashMap<>();
        frames.cases().forEach(c -> perCase.put(c.name(), new int[2]));
        List<DeviceProfile> maps = new java.util.ArrayList<>(List.of(profile));
        model.variants().stream().filter(v -> !v.isDefault()).forEach(v -> maps.add(v.profile()));
        for (DeviceProfile map : maps) {
            for (FrameVerifier.Check check : FrameVerifier.checks(map, frames)) {
                int[] counts = perCase.get(check.caseName());
                counts[check.matches() ? 0 : 1]++;
            }
        }
        for (RecordedFrames.Case c : frames.cases()) {
            int[] counts = perCase.get(c.name());
            String what = c.expectedException() != 0 ? "exception " + c.expectedException() + " expected"
                    : counts[0] + " value(s) as recorded" + (counts[1] > 0 ? ", " + counts[1] + " not" : "");
            out.println("  case '" + c.name() + "' (" + c.origin().name().toLowerCase(Locale.ROOT).replace('_', '-') + "): " + what);
        }
        return problems;
    }

    private static int verdict(Path folder, List<ValidationError> problems, PrintStream out) {
        problems.forEach(out::println);
        out.println(folder + ": " + (problems.isEmpty() ? "OK" : count(problems.size())));
        return problems.isEmpty() ? 0 : 1;
    }

    private static String count(int n) {
        return n == 1 ? "1 error" : n + " errors";
    }
}
