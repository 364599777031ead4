package io.wattline.config;

import io.wattline.profiles.yaml.ValidationError;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Reads configuration text the same way for every kind of file: strict UTF-8, and a located error
 * (line 0) instead of an exception when a file cannot be read.
 */
final class ConfigFiles {

    private ConfigFiles() {
    }

    static String read(Path file) throws ConfigException {
        try {
            return decode(file.toString(), Files.readAllBytes(file));
        } catch (IOException e) {
            throw new ConfigException(List.of(new ValidationError(file.toString(), 0, 0, "",
                    "cannot read file: " + e)));
        }
    }

    /** A classpath resource's text, or empty when there is no such resource. */
    static Optional<String> resource(String name) throws ConfigException {
        ClassLoader loader = Thread.currentThread().getContextClassLoader() != null
                ? Thread.currentThread().getContextClassLoader() : ConfigFiles.class.getClassLoader();
        try (InputStream in = loader.getResourceAsStream(name)) {
            return in == null ? Optional.empty() : Optional.of(decode(name, in.readAllBytes()));
        } catch (IOException e) {
            throw new ConfigException(List.of(new ValidationError(name, 0, 0, "", "cannot read: " + e.getMessage())));
        }
    }

    /** Strict UTF-8: a file saved in GBK would otherwise load with garbled names and no error. */
    static String decode(String fileName, byte[] bytes) throws ConfigException {
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
