package io.wattline.web.security;

import io.wattline.core.files.PrivateFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * API tokens for scripts, in {@code <data>/security/tokens} (0600): one line per token,
 * {@code name user sha256 created}. The token itself ({@code wlt_} and 256 random bits) is shown
 * once, when it is made, and only its SHA-256 is kept: a random 256-bit secret needs no slow hash,
 * and a copied file signs nobody in. A token acts as its user with the user's role of the moment;
 * removing the user or revoking the token stops it at once (the file is re-read when it changes).
 */
public final class ApiTokens {

    public static final String FILE_NAME = "tokens";
    static final String PREFIX = "wlt_";
    private static final SecureRandom RANDOM = new SecureRandom();

    /** A stored token: its name, whom it acts as, its hash and when it was made. */
    public record Token(String name, String user, String sha256, Instant created) {
    }

    private final Path file;
    private Map<String, Token> tokens = Map.of();
    private Object readAt;

    public ApiTokens(Path dataDir) {
        this.file = dataDir.resolve(UsersFile.FOLDER).resolve(FILE_NAME);
    }

    public Path file() {
        return file;
    }

    public synchronized List<Token> all() {
        refresh();
        return List.copyOf(tokens.values());
    }

    /**
     * Makes token {@code name} for {@code user} and returns its secret (the only time it is seen).
     *
     * @throws IllegalArgumentException when the name is taken or not a plain word
     */
    public synchronized String create(String name, String user, Instant now) {
        if (name == null || !name.matches("[A-Za-z0-9._-]{1,64}")) {
            throw new IllegalArgumentException("a token name is 1 to 64 letters, digits, '.', '_' or '-', was '"
                    + name + "'");
        }
        refresh();
        if (tokens.containsKey(name)) {
            throw new IllegalArgumentException("there is already a token '" + name + "': revoke it first");
        }
        byte[] random = new byte[32];
        RANDOM.nextBytes(random);
        String secret = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        Map<String, Token> next = new LinkedHashMap<>(tokens);
        next.put(name, new Token(name, user, sha256(secret), now));
        save(next);
        return secret;
    }

    /** Revokes a token; false when there was none of that name. */
    public synchronized boolean revoke(String name) {
        refresh();
        if (!tokens.containsKey(name)) {
            return false;
        }
        Map<String, Token> next = new LinkedHashMap<>(tokens);
        next.remove(name);
        save(next);
        return true;
    }

    /** The stored token whose secret this is, compared in constant time; empty for none. */
    public synchronized Optional<Token> find(String secret) {
        if (secret == null || !secret.startsWith(PREFIX)) {
            return Optional.empty();
        }
        refresh();
        byte[] hash = sha256(secret).getBytes(StandardCharsets.US_ASCII);
        Token found = null;
        for (Token t : tokens.values()) {
            if (MessageDigest.isEqual(hash, t.sha256().getBytes(StandardCharsets.US_ASCII))) {
                found = t;
            }
        }
        return Optional.ofNullable(found);
    }

    private void save(Map<String, Token> next) {
        StringBuilder text = new StringBuilder("# Wattline API tokens: name user sha256 created. Change with"
                + " ./wattline token create|revoke; the tokens themselves are never stored.\n");
        for (Token t : next.values()) {
            text.append(t.name()).append(' ').append(t.user()).append(' ').append(t.sha256()).append(' ')
                    .append(t.created()).append('\n');
        }
        PrivateFiles.write(file, text.toString().getBytes(StandardCharsets.UTF_8));
        tokens = next;
        readAt = stamp();
    }

    private void refresh() {
        Object now = stamp();
        if (now == null) {
            tokens = Map.of();
            readAt = null;
            return;
        }
        if (now.equals(readAt)) {
            return;
        }
        PrivateFiles.restrict(file);
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the tokens file " + file + ": " + e.getMessage(), e);
        }
        Map<String, Token> read = new LinkedHashMap<>();
        List<String> errors = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] parts = line.split("\\s+");
            try {
                if (parts.length != 4 || !parts[2].matches("[0-9a-f]{64}")) {
                    throw new IllegalArgumentException("expected 'name user sha256 created'");
                }
                read.put(parts[0], new Token(parts[0], parts[1], parts[2], Instant.parse(parts[3])));
            } catch (RuntimeException e) {
                errors.add(file + ":" + (i + 1) + ": " + e.getMessage());
            }
        }
        if (!errors.isEmpty()) {
            throw new IllegalStateException("the tokens file is broken: " + String.join("; ", errors));
        }
        tokens = read;
        readAt = now;
    }

    /** Modification time and size: a rewrite within the file system's time granularity still shows. */
    private Object stamp() {
        try {
            return Files.isRegularFile(file) ? List.of(Files.getLastModifiedTime(file), Files.size(file)) : null;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the tokens file " + file + ": " + e.getMessage(), e);
        }
    }

    static String sha256(String secret) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this Java runtime", e);
        }
    }
}
