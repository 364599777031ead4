package io.wattline.config;

import io.wattline.profiles.yaml.ValidationError;
import io.wattline.profiles.yaml.YamlDocument;
import io.wattline.profiles.yaml.YamlSyntaxException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * The {@code profiles:} section of a plant file: folders of the site's own device profiles,
 * relative to the plant file. Read before the plant itself, because the plant's meters name
 * profiles from them.
 */
final class PlantProfileFolders {

    private PlantProfileFolders() {
    }

    /**
     * The folders a plant file names, resolved against its folder.
     *
     * @throws ConfigException naming file, line and entry for a folder that does not exist; a file
     *                         that does not parse yields no folders (the plant loader reports it)
     */
    static List<Path> of(Path plantFile) throws ConfigException {
        YamlDocument document;
        try {
            document = YamlDocument.parse(plantFile.toString(), ConfigFiles.read(plantFile));
        } catch (YamlSyntaxException e) {
            return List.of();
        }
        JsonNode list = document.root() == null ? null : document.root().get("profiles");
        if (list == null || !list.isArray()) {
            return List.of(); // absent, or the schema reports the wrong type
        }
        Path base = plantFile.toAbsolutePath().getParent();
        List<Path> folders = new ArrayList<>();
        List<ValidationError> errors = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            String text = list.get(i).isString() ? list.get(i).asString() : null;
            if (text == null || text.isBlank()) {
                continue; // the schema reports it
            }
            try {
                Path folder = base.resolve(text).normalize();
                if (Files.isDirectory(folder)) {
                    folders.add(folder);
                } else {
                    errors.add(document.error("/profiles/" + i, "expected a folder of <vendor>/<model>.yaml profiles"
                            + " (relative to this file); " + folder + (Files.exists(folder) ? " is a file" : " does not exist")));
                }
            } catch (InvalidPathException e) {
                errors.add(document.error("/profiles/" + i, "not a folder path: " + e.getMessage()));
            }
        }
        if (!errors.isEmpty()) {
            throw new ConfigException(errors);
        }
        return folders;
    }
}
