package io.wattline.config;

import io.wattline.profiles.DeviceProfile;
import io.wattline.profiles.ProfileCatalog;
import io.wattline.profiles.ProfileException;
import io.wattline.profiles.ProfileFolders;
import io.wattline.profiles.ProfileKind;
import io.wattline.profiles.opcua.OpcUaProfile;
import io.wattline.profiles.opcua.OpcUaProfileLoader;
import io.wattline.profiles.yaml.ValidationError;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Every device profile a plant may name: the shipped ones and those of the site's own profile
 * folders ({@code --profiles DIR} on the command line, {@code profiles:} in the plant file), both
 * kinds, each checked as the shipped ones are and read at start (a new meter model needs no
 * rebuild). A folder profile with a shipped id replaces it only when it says {@code shadows:}.
 *
 * <p>How a profile kind joins: {@link ProfileFolders} hands each kind its files; Modbus profiles go
 * through {@link ProfileCatalog#withFolders}, OPC UA profiles through {@link #loadOpcUa} (the one
 * place to plug a richer OPC UA folder loader in).
 */
public final class ProfileLibrary {

    private final ProfileCatalog modbus;
    private final Map<String, OpcUaProfile> folderOpcUa;
    private final List<String> opcUaShadowing;
    private final List<Path> folders;

    private ProfileLibrary(ProfileCatalog modbus, Map<String, OpcUaProfile> folderOpcUa, List<String> opcUaShadowing,
            List<Path> folders) {
        this.modbus = modbus;
        this.folderOpcUa = Collections.unmodifiableMap(new TreeMap<>(folderOpcUa));
        this.opcUaShadowing = List.copyOf(opcUaShadowing);
        this.folders = List.copyOf(folders);
    }

    /** The shipped profiles only. */
    public static ProfileLibrary builtIn() {
        return new ProfileLibrary(ProfileCatalog.builtIn(), Map.of(), List.of(), List.of());
    }

    /**
     * The shipped profiles and those of {@code folders}.
     *
     * @throws ConfigException every problem of every folder and profile, located by file and line
     */
    public static ProfileLibrary load(List<Path> folders) throws ConfigException {
        if (folders.isEmpty()) {
            return builtIn();
        }
        ProfileFolders scanned;
        try {
            scanned = ProfileFolders.scan(folders);
        } catch (ProfileException e) {
            throw new ConfigException(e.problems());
        }
        List<ValidationError> problems = new ArrayList<>();
        ProfileCatalog modbus = ProfileCatalog.builtIn();
        try {
            modbus = ProfileCatalog.withFolders(scanned);
        } catch (ProfileException e) {
            problems.addAll(e.problems());
        }
        Map<String, OpcUaProfile> opcUa = loadOpcUa(scanned, problems);
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        List<String> opcUaShadowing = opcUa.keySet().stream().filter(OpcUaProfileLoader.builtInIds()::contains).toList();
        return new ProfileLibrary(modbus, opcUa, opcUaShadowing, folders);
    }

    /**
     * The library a plant file runs with: the shipped profiles, {@code extraFolders} (the command
     * line's) and the folders its own {@code profiles:} names, relative to it.
     */
    public static ProfileLibrary forPlant(Path plantFile, List<Path> extraFolders) throws ConfigException {
        List<Path> all = new ArrayList<>(extraFolders);
        for (Path folder : PlantProfileFolders.of(plantFile)) {
            if (all.stream().noneMatch(f -> f.toAbsolutePath().normalize().equals(folder))) {
                all.add(folder);
            }
        }
        return load(all);
    }

    /**
     * The OPC UA profiles of the folders, checked by the OPC UA profile loader (schema and rules) and
     * by the shadowing rules every kind shares.
     */
    private static Map<String, OpcUaProfile> loadOpcUa(ProfileFolders folders, List<ValidationError> problems) {
        problems.addAll(folders.shadowingProblems(ProfileKind.OPC_UA, OpcUaProfileLoader.builtInIds()));
        Map<String, OpcUaProfile> loaded = new TreeMap<>();
        for (ProfileFolders.ProfileFile f : folders.files(ProfileKind.OPC_UA)) {
            try {
                loaded.put(f.id(), OpcUaProfileLoader.parse(f.id(), f.file().toString(), f.text()));
            } catch (ProfileException e) {
                problems.addAll(e.problems());
            }
        }
        return loaded;
    }

    /** The Modbus profiles: shipped, with the folders' on top. */
    public ProfileCatalog modbus() {
        return modbus;
    }

    /** A Modbus profile by id. */
    public Optional<DeviceProfile> findModbus(String id) {
        return modbus.find(id);
    }

    /** An OPC UA profile by id: a folder's first, else a shipped one. */
    public Optional<OpcUaProfile> findOpcUa(String id) {
        OpcUaProfile own = folderOpcUa.get(id);
        return own != null ? Optional.of(own) : OpcUaProfileLoader.builtIn().find(id);
    }

    /** Ids of every OPC UA profile, sorted. */
    public List<String> opcUaIds() {
        TreeSet<String> ids = new TreeSet<>(OpcUaProfileLoader.builtInIds());
        ids.addAll(folderOpcUa.keySet());
        return List.copyOf(ids);
    }

    /** The folders read, in order. */
    public List<Path> folders() {
        return folders;
    }

    /**
     * What to say at start about the folders: how many profiles each kind gained, and each shipped
     * profile a folder replaces.
     */
    public List<String> notes() {
        List<String> notes = new ArrayList<>();
        if (folders.isEmpty()) {
            return notes;
        }
        notes.add("profile folders " + folders + ": " + modbus.fromFolders().size() + " Modbus profile(s) "
                + modbus.fromFolders() + ", " + folderOpcUa.size() + " OPC UA profile(s) " + folderOpcUa.keySet());
        for (String id : modbus.shadowing()) {
            notes.add("Modbus profile " + id + " from " + modbus.folderOf(id).orElseThrow().resolve(id + ".yaml")
                    + " shadows the shipped profile of that id");
        }
        for (String id : opcUaShadowing) {
            notes.add("OPC UA profile " + id + " from a profile folder shadows the shipped profile of that id");
        }
        return notes;
    }

    /** A plant loader that knows these profiles (and lists their ids in "unknown profile" errors). */
    public PlantConfigLoader plantLoader() {
        return new PlantConfigLoader(modbus::find, modbus.ids(), this::findOpcUa, opcUaIds());
    }
}
