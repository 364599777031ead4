package io.wattline.profiles;

import io.wattline.profiles.yaml.ValidationError;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The Modbus device profiles available to a plant: the ones shipped in this jar ({@link #builtIn()}),
 * those of a directory ({@link #load(Path)}), or both, a site's own folders on top of the shipped
 * ones ({@link #withFolders(ProfileFolders)}); keyed by id {@code vendor/model} (the file's path
 * under the profiles folder, without {@code .yaml}). Loading fails as a whole, listing the problems
 * of every file, so a bad profile never half-works.
 */
public final class ProfileCatalog {

    /** Classpath folder of the shipped profiles; {@code index.txt} there lists their ids. */
    public static final String BUILT_IN_FOLDER = "profiles/";
    private static final String FRAMES_SUFFIX = ProfileFolders.FRAMES_SUFFIX;

    private final Map<String, DeviceProfile> profiles;
    private final Function<String, Optional<Text>> files;
    private final Map<String, Path> fromFolders;
    private final List<String> shadowing;

    private ProfileCatalog(Map<String, DeviceProfile> profiles, Function<String, Optional<Text>> files) {
        this(profiles, files, Map.of(), List.of());
    }

    private ProfileCatalog(Map<String, DeviceProfile> profiles, Function<String, Optional<Text>> files,
            Map<String, Path> fromFolders, List<String> shadowing) {
        this.profiles = Collections.unmodifiableMap(new TreeMap<>(profiles));
        this.files = files;
        this.fromFolders = Collections.unmodifiableMap(new TreeMap<>(fromFolders));
        this.shadowing = List.copyOf(shadowing);
    }

    private static volatile ProfileCatalog builtIn;

    /**
     * The profiles shipped in the jar, as listed by {@code profiles/index.txt}. Loaded once and
     * shared (profiles are immutable); a broken jar throws {@link ProfileException} on every call.
     */
    public static ProfileCatalog builtIn() {
        ProfileCatalog catalog = builtIn;
        if (catalog == null) {
            synchronized (ProfileCatalog.class) {
                if (builtIn == null) {
                    builtIn = loadAll(builtInIndex(), ProfileCatalog::classpathText);
                }
                catalog = builtIn;
            }
        }
        return catalog;
    }

    /**
     * Everything wrong with the profiles under {@code directory} and their recorded frames, for
     * {@code validate}: load errors of every file, then each loaded profile's frames run through
     * {@link FrameVerifier}. Empty means every profile loads and its frames decode as recorded.
     */
    public static List<ValidationError> check(Path directory) {
        ProfileCatalog catalog;
        try {
            catalog = load(directory);
        } catch (ProfileException e) {
            return e.problems();
        }
        List<ValidationError> problems = new ArrayList<>();
        for (DeviceProfile profile : catalog.all()) {
            try {
                catalog.frames(profile.id()).ifPresentOrElse(
                        frames -> problems.addAll(FrameVerifier.verify(profile, frames)),
                        () -> problems.add(new ValidationError(directory.resolve(profile.id() + FRAMES_SUFFIX).toString(),
                                0, 0, "", "missing: every profile needs recorded frames")));
            } catch (ProfileException e) {
                problems.addAll(e.problems());
            }
        }
        return problems;
    }

    /**
     * The Modbus profiles of one folder alone ({@code <vendor>/<model>.yaml}, frames files and OPC UA
     * profiles left out), without the shipped ones.
     */
    public static ProfileCatalog load(Path directory) {
        ProfileFolders folder = ProfileFolders.scan(List.of(directory));
        List<String> ids = folder.files(ProfileKind.MODBUS).stream().map(ProfileFolders.ProfileFile::id).toList();
        return loadAll(ids, relative -> readFile(directory.resolve(relative)));
    }

    /**
     * The shipped profiles with the Modbus profiles of a site's own folders on top, each checked as
     * the shipped ones are: schema, linter, and its recorded frames ({@code <model>.frames.yaml} next
     * to it, decoding every point). A folder profile replaces a shipped one only when it says
     * {@code shadows: <id>} ({@link #shadowing()} lists those).
     *
     * @throws ProfileException listing every problem of every file
     */
    public static ProfileCatalog withFolders(ProfileFolders folders) {
        ProfileCatalog shipped = builtIn();
        if (folders.files(ProfileKind.MODBUS).isEmpty()) {
            return shipped;
        }
        List<ValidationError> problems = new ArrayList<>(folders.shadowingProblems(ProfileKind.MODBUS, shipped.ids()));
        Map<String, DeviceProfile> all = new TreeMap<>(shipped.profiles);
        Map<String, Path> own = new TreeMap<>();
        List<String> shadowing = new ArrayList<>();
        for (ProfileFolders.ProfileFile f : folders.files(ProfileKind.MODBUS)) {
            try {
                DeviceProfile profile = ProfileLoader.parse(f.id(), f.file().toString(), f.text());
                problems.addAll(verifyFrames(profile, f.framesFile()));
                all.put(f.id(), profile);
                own.put(f.id(), f.folder());
                if (shipped.profiles.containsKey(f.id())) {
                    shadowing.add(f.id());
                }
            } catch (ProfileException e) {
                problems.addAll(e.problems());
            }
        }
        if (!problems.isEmpty()) {
            throw new ProfileException(problems);
        }
        return new ProfileCatalog(all, relative -> {
            String id = relative.endsWith(FRAMES_SUFFIX) ? relative.substring(0, relative.length() - FRAMES_SUFFIX.length())
                    : relative.substring(0, relative.length() - ".yaml".length());
            Path folder = own.get(id);
            return folder == null ? shipped.files.apply(relative) : readFile(folder.resolve(relative));
        }, own, shadowing);
    }

    /** A profile's recorded frames, run against it; a missing frames file is a problem too. */
    private static List<ValidationError> verifyFrames(DeviceProfile profile, Path framesFile) {
        Optional<Text> frames = readFile(framesFile);
        if (frames.isEmpty()) {
            return List.of(new ValidationError(framesFile.toString(), 0, 0, "", "missing: every profile needs recorded"
                    + " frames (request/response hex and the values they decode to; see README.md, Adding a meter model)"));
        }
        return FrameVerifier.verify(profile, RecordedFrames.parse(profile.id(), frames.get().file(),
                frames.get().content()));
    }

    private static Optional<Text> readFile(Path file) {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(new Text(file.toString(), Files.readString(file, StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /** The folder a profile was loaded from; empty for a shipped one. */
    public Optional<Path> folderOf(String id) {
        return Optional.ofNullable(fromFolders.get(id));
    }

    /** Ids of the profiles read from folders, sorted. */
    public List<String> fromFolders() {
        return List.copyOf(fromFolders.keySet());
    }

    /** Ids of folder profiles that replace a shipped profile of the same id ({@code shadows:}), sorted. */
    public List<String> shadowing() {
        return shadowing;
    }

    public Optional<DeviceProfile> find(String id) {
        return Optional.ofNullable(profiles.get(id));
    }

    /** The profile {@code id}; the error lists the known ids. */
    public DeviceProfile require(String id) {
        DeviceProfile p = profiles.get(id);
        if (p == null) {
            throw new IllegalArgumentException("unknown device profile '" + id + "'; known profiles: "
                    + String.join(", ", profiles.keySet()));
        }
        return p;
    }

    /** All profiles, sorted by id. */
    public List<DeviceProfile> all() {
        return List.copyOf(profiles.values());
    }

    /** Known ids, sorted. */
    public List<String> ids() {
        return List.copyOf(profiles.keySet());
    }

    /** The recorded frames of profile {@code id} ({@code <model>.frames.yaml} next to it), if present. */
    public Optional<RecordedFrames> frames(String id) {
        require(id);
        return files.apply(id + FRAMES_SUFFIX).map(t -> RecordedFrames.parse(id, t.file(), t.content()));
    }

    private static ProfileCatalog loadAll(List<String> ids, Function<String, Optional<Text>> files) {
        Map<String, DeviceProfile> loaded = new TreeMap<>();
        List<ValidationError> problems = new ArrayList<>();
        for (String id : ids) {
            Optional<Text> text = files.apply(id + ".yaml");
            if (text.isEmpty()) {
                problems.add(new ValidationError(id + ".yaml", 0, 0, "", "listed profile file is missing"));
                continue;
            }
            try {
                loaded.put(id, ProfileLoader.parse(id, text.get().file(), text.get().content()));
            } catch (ProfileException e) {
                problems.addAll(e.problems());
            }
        }
        if (!problems.isEmpty()) {
            throw new ProfileException(problems);
        }
        return new ProfileCatalog(loaded, files);
    }

    private static Optional<Text> classpathText(String relative) {
        String resource = BUILT_IN_FOLDER + relative;
        try (InputStream in = ProfileCatalog.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                return Optional.empty();
            }
            return Optional.of(new Text("classpath:" + resource, new String(in.readAllBytes(), StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read classpath resource " + resource, e);
        }
    }

    /** Ids listed in the built-in {@code index.txt}; blank lines and {@code #} comments skipped. */
    static List<String> builtInIndex() {
        Text index = classpathText("index.txt").orElseThrow(() -> new IllegalStateException(
                "classpath resource " + BUILT_IN_FOLDER + "index.txt is missing: the device-profiles jar is incomplete"));
        return index.content().lines().map(String::trim).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
    }

    private record Text(String file, String content) {
    }
}
