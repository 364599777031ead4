package io.wattline.web.security;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
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

    private final PrivateLineFile<Token> file;

    public ApiTokens(Path dataDir) {
        this.file = new PrivateLineFile<>(dataDir.resolve(UsersFile.FOLDER).resolve(FILE_NAME), "tokens file",
                "Wattline API tokens: name user sha256 created. Change with ./wattline token create|revoke;"
                        + " the tokens themselves are never stored.",
                ApiTokens::parse, t -> t.name() + ' ' + t.user() + ' ' + t.sha256() + ' ' + t.created());
    }

    public Path file() {
        return file.file();
    }

    public synchronized List<Token> all() {
        return List.copyOf(file.records().values());
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
        if (file.records().containsKey(name)) {
            throw new IllegalArgumentException("there is already a token '" + name + "': revoke it first");
        }
        byte[] random = new byte[32];
        RANDOM.nextBytes(random);
        String secret = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        file.put(name, new Token(name, user, sha256(secret), now));
        return secret;
    }

    /** Revokes a token; false when there was none of that name. */
    public synchronized boolean revoke(String name) {
        return file.remove(name);
    }

    /** The stored token whose secret this is, compared in constant time; empty for none. */
    public synchronized Optional<Token> find(String secret) {
        if (secret == null || !secret.startsWith(PREFIX)) {
            return Optional.empty();
        }
        byte[] hash = sha256(secret).getBytes(StandardCharsets.US_ASCII);
        Token found = null;
        for (Token t : file.records().values()) {
            if (MessageDigest.isEqual(hash, t.sha256().getBytes(StandardCharsets.US_ASCII))) {
                found = t;
            }
        }
        return Optional.ofNullable(found);
    }

    private static Token parse(String[] fields) {
        if (fields.length != 4 || !fields[2].matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException("expected 'name user sha256 created'");
        }
        return new Token(fields[0], fields[1], fields[2], Instant.parse(fields[3]));
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
