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

    private final Map<String, LoadedProfile> loaded;
    private final Map<String, DeviceProfile> profiles;
    private final Map<String, DeviceProfile> variants;
    private final Function<String, Optional<Text>> files;
    private final Map<String, Path> fromFolders;
    private final List<String> shadowing;

    private ProfileCatalog(Map<String, LoadedProfile> loaded, Function<String, Optional<Text>> files) {
        this(loaded, files, Map.of(), List.of());
    }

    private ProfileCatalog(Map<String, LoadedProfile> loaded, Function<String, Optional<Text>> files,
            Map<String, Path> fromFolders, List<String> shadowing) {
        this.loaded = Collections.unmodifiableMap(new TreeMap<>(loaded));
        Map<String, DeviceProfile> base = new TreeMap<>();
        Map<String, DeviceProfile> byVariant = new TreeMap<>();
        loaded.forEach((id, l) -> {
            base.put(id, l.profile());
            l.variants().stream().filter(v -> !v.isDefault()).forEach(v -> byVariant.put(v.profile().id(), v.profile()));
        });
        this.profiles = Collections.unmodifiableMap(base);
        this.variants = Collections.unmodifiableMap(byVariant);
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
        for (LoadedProfile profile : catalog.loaded.values()) {
            problems.addAll(verifyFrames(profile, directory.resolve(profile.profile().id() + FRAMES_SUFFIX)));
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
        Map<String, LoadedProfile> all = new TreeMap<>(shipped.loaded);
        Map<String, Path> own = new TreeMap<>();
        List<String> shadowing = new ArrayList<>();
        for (ProfileFolders.ProfileFile f : folders.files(ProfileKind.MODBUS)) {
            try {
                LoadedProfile profile = ProfileLoader.load(f.id(), f.file().toString(), f.text());
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

    /**
     * A profile's recorded frames, run against it and against each variant (whose cases say
     * {@code variant:} and must cover the points it replaces); a missing frames file is a problem too.
     */
    private static List<ValidationError> verifyFrames(LoadedProfile profile, Path framesFile) {
        Optional<Text> text = readFile(framesFile);
        if (text.isEmpty()) {
            return List.of(new ValidationError(framesFile.toString(), 0, 0, "", "missing: every profile needs recorded"
                    + " frames (request/response hex and the values they decode to; see README.md, Adding a meter model)"));
        }
        try {
            RecordedFrames frames = RecordedFrames.parse(profile.profile().id(), text.get().file(), text.get().content());
            return verifyFrames(profile, frames);
        } catch (ProfileException e) {
            return e.problems();
        }
    }

    /** The frames of a profile and of each of its variants. */
    public static List<ValidationError> verifyFrames(LoadedProfile profile, RecordedFrames frames) {
        List<ValidationError> problems = new ArrayList<>(FrameVerifier.verify(profile.profile(), frames));
        for (ProfileVariant v : profile.variants()) {
            if (!v.isDefault()) {
                problems.addAll(FrameVerifier.verify(v.profile(), frames, v.replacedPoints()));
            }
        }
        return problems;
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

    /** The profile {@code id}: a model ({@code vendor/model}) or a variant of one ({@code vendor/model@variant}). */
    public Optional<DeviceProfile> find(String id) {
        DeviceProfile p = profiles.get(id);
        return Optional.ofNullable(p != null ? p : variants.get(id));
    }

    /** The profile {@code id}; the error lists the known ids. */
    public DeviceProfile require(String id) {
        return find(id).orElseThrow(() -> new IllegalArgumentException("unknown device profile '" + id
                + "'; known profiles: " + String.join(", ", profiles.keySet())
                + (variants.isEmpty() ? "" : "; variants: " + String.join(", ", variants.keySet()))));
    }

    /** Ids of the variants ({@code vendor/model@variant}) of every profile that declares some, sorted. */
    public List<String> variantIds() {
        return List.copyOf(variants.keySet());
    }

    /** Every model as its file describes it, with its signature registers and variants, sorted by id. */
    public List<LoadedProfile> models() {
        return List.copyOf(loaded.values());
    }

    /** One model as its file describes it. */
    public Optional<LoadedProfile> model(String id) {
        return Optional.ofNullable(loaded.get(id));
    }

    /** All profiles, sorted by id. */
    public List<DeviceProfile> all() {
        return List.copyOf(profiles.values());
    }

    /** Known ids, sorted. */
    public List<String> ids() {
        return List.copyOf(profiles.keySet());
    }

    /** The recorded frames of model {@code id} ({@code <model>.frames.yaml} next to it, with its variants' cases), if present. */
    public Optional<RecordedFrames> frames(String id) {
        if (!profiles.containsKey(id)) {
            require(id);
            throw new IllegalArgumentException("'" + id + "' is a variant: its frames are its model's");
        }
        return files.apply(id + FRAMES_SUFFIX).map(t -> RecordedFrames.parse(id, t.file(), t.content()));
    }

    private static ProfileCatalog loadAll(List<String> ids, Function<String, Optional<Text>> files) {
        Map<String, LoadedProfile> loaded = new TreeMap<>();
        List<ValidationError> problems = new ArrayList<>();
        for (String id : ids) {
            Optional<Text> text = files.apply(id + ".yaml");
            if (text.isEmpty()) {
                problems.add(new ValidationError(id + ".yaml", 0, 0, "", "listed profile file is missing"));
                continue;
            }
            try {
                loaded.put(id, ProfileLoader.load(id, text.get().file(), text.get().content()));
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
