package io.wattline.profiles.opcua;

import io.wattline.profiles.ProfileException;
import io.wattline.profiles.yaml.ValidationError;
import java.io.IOException;
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
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The OPC UA profiles a plant can name: those of profile folders outside the jar (a site's own
 * PLCs, no rebuild needed), then the ones shipped in it. A folder holds {@code <vendor>/<model>.yaml}
 * files, Modbus and OPC UA profiles side by side: the files with {@code protocol: opc-ua} are
 * read here, the others are left to the Modbus catalogue. A folder profile with the id of a shipped
 * one replaces it. Folders are read once, as a whole: any broken file fails the load with every
 * problem located.
 */
public final class OpcUaProfileSource implements Function<String, Optional<OpcUaProfile>> {

    private static final Pattern OPC_UA = Pattern.compile("(?m)^protocol:\\s*[\"']?opc-ua[\"']?\\s*(#.*)?$");
    private static final String FRAMES_SUFFIX = ".frames.yaml";

    private final Map<String, OpcUaProfile> fromFolders;
    private final OpcUaProfileLoader builtIn;

    private OpcUaProfileSource(Map<String, OpcUaProfile> fromFolders, OpcUaProfileLoader builtIn) {
        this.fromFolders = Collections.unmodifiableMap(new TreeMap<>(fromFolders));
        this.builtIn = builtIn;
    }

    /** Only the profiles shipped in the jar. */
    public static OpcUaProfileSource builtIn() {
        return new OpcUaProfileSource(Map.of(), OpcUaProfileLoader.builtIn());
    }

    /**
     * The OPC UA profiles of {@code folders} (an earlier folder wins over a later one for the same
     * id), then the shipped ones.
     *
     * @throws ProfileException listing every problem of every OPC UA profile file, and folders that do not exist
     */
    public static OpcUaProfileSource of(List<Path> folders) {
        Map<String, OpcUaProfile> loaded = new TreeMap<>();
        List<ValidationError> problems = new ArrayList<>();
        for (Path folder : folders) {
            if (!Files.isDirectory(folder)) {
                problems.add(new ValidationError(folder.toString(), 0, 0, "",
                        "expected a folder of <vendor>/<model>.yaml profiles"));
                continue;
            }
            for (Map.Entry<String, Path> file : opcUaFiles(folder).entrySet()) {
                try {
                    OpcUaProfile p = OpcUaProfileLoader.parse(file.getKey(), file.getValue().toString(),
                            Files.readString(file.getValue(), StandardCharsets.UTF_8));
                    loaded.putIfAbsent(p.id(), p);
                } catch (ProfileException e) {
                    problems.addAll(e.problems());
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot read " + file.getValue(), e);
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new ProfileException(problems);
        }
        return new OpcUaProfileSource(loaded, OpcUaProfileLoader.builtIn());
    }

    /** Id ({@code vendor/model}) → file, for every OPC UA profile under {@code folder}. */
    private static Map<String, Path> opcUaFiles(Path folder) {
        Map<String, Path> out = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(folder)) {
            for (Path p : walk.filter(Files::isRegularFile).sorted().toList()) {
                String relative = folder.relativize(p).toString().replace('\\', '/');
                if (relative.endsWith(".yaml") && !relative.endsWith(FRAMES_SUFFIX)
                        && OPC_UA.matcher(Files.readString(p, StandardCharsets.UTF_8)).find()) {
                    out.put(relative.substring(0, relative.length() - ".yaml".length()), p);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the profiles in " + folder, e);
        }
        return out;
    }

    /** The profile with this id: a folder's, else a shipped one. */
    @Override
    public Optional<OpcUaProfile> apply(String id) {
        return find(id);
    }

    public Optional<OpcUaProfile> find(String id) {
        OpcUaProfile own = fromFolders.get(id);
        return own != null ? Optional.of(own) : builtIn.find(id);
    }

    /** Every known id, sorted: for "unknown profile" messages. */
    public List<String> ids() {
        TreeSet<String> ids = new TreeSet<>(fromFolders.keySet());
        ids.addAll(OpcUaProfileLoader.builtInIds());
        return List.copyOf(ids);
    }

    /** Every known profile, sorted by id (folder profiles in place of shipped ones with the same id). */
    public List<OpcUaProfile> all() {
        return ids().stream().map(this::find).flatMap(Optional::stream).toList();
    }
}
