package io.wattline.profiles;

import io.wattline.profiles.yaml.ValidationError;
import io.wattline.profiles.yaml.YamlDocument;
import io.wattline.profiles.yaml.YamlSyntaxException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;

/**
 * Folders of a site's own device profiles, read at run time (no rebuild): every
 * {@code <vendor>/<model>.yaml} in them, Modbus and OPC UA profiles side by side, each file's kind
 * told by {@link ProfileKind} ({@code <model>.frames.yaml} files are a Modbus profile's recorded
 * frames, not profiles). Each kind's loader takes its files from here ({@link #files(ProfileKind)})
 * and checks them as it checks the shipped ones; the rules every kind shares are checked here: the
 * layout, one id in one folder only, and that a profile with a shipped profile's id says so
 * ({@code shadows: <vendor>/<model>}) before it replaces it.
 */
public final class ProfileFolders {

    /** Suffix of a Modbus profile's recorded frames, next to it. */
    public static final String FRAMES_SUFFIX = ".frames.yaml";

    /** No folders: only the shipped profiles. */
    public static final ProfileFolders NONE = new ProfileFolders(List.of(), List.of());

    private final List<Path> folders;
    private final List<ProfileFile> files;

    /**
     * One profile file of a folder.
     *
     * @param id       {@code <vendor>/<model>}, from its path under the folder
     * @param shadows  the shipped profile it says it replaces ({@code shadows:}), null if none
     * @param document the parsed file, for errors located by line
     */
    public record ProfileFile(String id, ProfileKind kind, Path folder, Path file, String text, String shadows,
            YamlDocument document) {

        /** The recorded frames that belong next to a Modbus profile. */
        public Path framesFile() {
            return folder.resolve(id + FRAMES_SUFFIX);
        }
    }

    private ProfileFolders(List<Path> folders, List<ProfileFile> files) {
        this.folders = List.copyOf(folders);
        this.files = List.copyOf(files);
    }

    /**
     * Reads the profile files of {@code folders}, in the order given.
     *
     * @throws ProfileException listing every problem: a folder that is not one, a file outside
     *                          {@code <vendor>/<model>.yaml}, YAML that does not parse, a file of no
     *                          known kind, one id in two folders
     */
    public static ProfileFolders scan(List<Path> folders) {
        List<ValidationError> problems = new ArrayList<>();
        Map<String, ProfileFile> byId = new LinkedHashMap<>();
        for (Path folder : folders) {
            if (!Files.isDirectory(folder)) {
                problems.add(new ValidationError(folder.toString(), 0, 0, "", "expected a folder of"
                        + " <vendor>/<model>.yaml profiles" + (Files.exists(folder) ? ", this is a file" : ", it does not exist")));
                continue;
            }
            for (Path file : yamlFiles(folder)) {
                Path relative = folder.relativize(file);
                if (relative.getNameCount() != 2) {
                    problems.add(new ValidationError(file.toString(), 0, 0, "", "expected profiles at <vendor>/<model>.yaml"
                            + " under " + folder + " (the id is the path), this file is at " + relative));
                    continue;
                }
                String id = relative.toString().replace('\\', '/').replaceFirst("\\.yaml$", "");
                ProfileFile read = read(folder, file, id, problems);
                if (read == null) {
                    continue;
                }
                ProfileFile same = byId.putIfAbsent(id, read);
                if (same != null) {
                    problems.add(new ValidationError(file.toString(), 1, 1, "", "profile id '" + id
                            + "' is also in " + same.file() + "; an id may be in one profile folder only"));
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new ProfileException(problems);
        }
        return new ProfileFolders(folders, List.copyOf(byId.values()));
    }

    private static ProfileFile read(Path folder, Path file, String id, List<ValidationError> problems) {
        String text;
        YamlDocument document;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
            document = YamlDocument.parse(file.toString(), text);
        } catch (IOException e) {
            problems.add(new ValidationError(file.toString(), 0, 0, "", "cannot read: " + e.getMessage()));
            return null;
        } catch (YamlSyntaxException e) {
            problems.add(e.error());
            return null;
        }
        JsonNode root = document.root();
        ProfileKind kind = ProfileKind.of(root).orElse(null);
        if (kind == null) {
            problems.add(document.error("", "cannot tell what kind of profile this is: expected a Modbus profile"
                    + " (points:, readable:, addressBase:) or an OPC UA profile (protocol: opc-ua)"));
            return null;
        }
        JsonNode shadows = root.get("shadows");
        return new ProfileFile(id, kind, folder, file, text, shadows == null ? null : shadows.asString(""), document);
    }

    private static List<Path> yamlFiles(Path folder) {
        try (Stream<Path> walk = Files.walk(folder)) {
            return walk.filter(Files::isRegularFile)
                    .filter(p -> !hidden(folder.relativize(p)))
                    .filter(p -> p.getFileName().toString().endsWith(".yaml"))
                    .filter(p -> !p.getFileName().toString().endsWith(FRAMES_SUFFIX))
                    .sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list profiles in " + folder, e);
        }
    }

    /** Inside a hidden folder or a hidden file ({@code .git}, an editor's backup): not a profile. */
    private static boolean hidden(Path relative) {
        for (Path part : relative) {
            if (part.toString().startsWith(".")) {
                return true;
            }
        }
        return false;
    }

    /** The folders, in the order given. */
    public List<Path> folders() {
        return folders;
    }

    /** Every profile file of one kind, in folder order, then by id. */
    public List<ProfileFile> files(ProfileKind kind) {
        return files.stream().filter(f -> f.kind() == kind).toList();
    }

    /** Every profile file, whatever its kind. */
    public List<ProfileFile> files() {
        return files;
    }

    /**
     * The shadowing rules for one kind: a folder profile whose id is a shipped profile's must say
     * {@code shadows: <that id>}; a {@code shadows:} must name its own id, and a shipped profile of
     * its kind. Empty when they hold.
     */
    public List<ValidationError> shadowingProblems(ProfileKind kind, Collection<String> builtInIds) {
        List<ValidationError> problems = new ArrayList<>();
        for (ProfileFile f : files(kind)) {
            boolean builtIn = builtInIds.contains(f.id());
            if (f.shadows() == null) {
                if (builtIn) {
                    problems.add(f.document().error("", "profile '" + f.id() + "' has the id of a shipped "
                            + kind.label() + ": to replace it, say so with 'shadows: " + f.id()
                            + "'; otherwise give yours another <vendor>/<model> path"));
                }
            } else if (!f.shadows().equals(f.id())) {
                problems.add(f.document().error("/shadows", "a profile replaces the shipped profile of its own id:"
                        + " expected '" + f.id() + "' (the file's <vendor>/<model> path), got '" + f.shadows() + "'"));
            } else if (!builtIn) {
                problems.add(f.document().error("/shadows", "no shipped " + kind.label() + " '" + f.id()
                        + "' to replace: remove 'shadows:'"));
            }
        }
        return problems;
    }
}
