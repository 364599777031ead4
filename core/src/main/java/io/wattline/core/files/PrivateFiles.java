package io.wattline.core.files;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Set;

/**
 * Files only their owner may read: private keys, key stores and their passwords, the users file,
 * secrets. Folders are made 0700 and files 0600 from the moment they exist (never written first and
 * narrowed after), and written atomically through a temporary file beside them.
 */
public final class PrivateFiles {

    public static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");
    public static final Set<PosixFilePermission> FOLDER = PosixFilePermissions.fromString("rwx------");
    private static final boolean POSIX = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    private static final SecureRandom RANDOM = new SecureRandom();

    private PrivateFiles() {
    }

    /** Creates {@code dir} (and missing parents) and makes {@code dir} itself 0700. */
    public static Path folder(Path dir) {
        try {
            if (!Files.isDirectory(dir)) {
                if (dir.getParent() != null) {
                    Files.createDirectories(dir.getParent());
                }
                if (POSIX) {
                    Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(FOLDER));
                } else {
                    Files.createDirectory(dir);
                }
            }
            if (POSIX) {
                Files.setPosixFilePermissions(dir, FOLDER);
            }
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the private folder " + dir + ": " + e.getMessage(), e);
        }
    }

    /** Writes {@code bytes} to {@code file} (0600, in a 0700 folder) atomically, forced to disk. */
    public static void write(Path file, byte[] bytes) {
        Path dir = folder(file.toAbsolutePath().getParent());
        Path tmp = dir.resolve(file.getFileName() + ".tmp");
        try {
            Files.deleteIfExists(tmp);
            FileAttribute<?>[] attrs = POSIX
                    ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(FILE)} : new FileAttribute<?>[0];
            Files.createFile(tmp, attrs); // 0600 from the moment it exists
            DurableFiles.write(tmp, bytes);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            restrict(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    /** Narrows an existing file to 0600 (files written before this rule, or by hand). */
    public static void restrict(Path file) {
        if (!POSIX || !Files.exists(file)) {
            return;
        }
        try {
            Files.setPosixFilePermissions(file, FILE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot restrict " + file + " to its owner: " + e.getMessage(), e);
        }
    }

    /**
     * The per-installation password kept in {@code file} (0600), generated at random (256 bits) on
     * first use: what protects a key store besides its file permissions, never a constant in the source.
     */
    public static char[] installationPassword(Path file) {
        try {
            if (Files.isRegularFile(file)) {
                restrict(file);
                String text = Files.readString(file).strip();
                if (!text.isEmpty()) {
                    return text.toCharArray();
                }
            }
            byte[] random = new byte[32];
            RANDOM.nextBytes(random);
            String password = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
            write(file, (password + "\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            return password.toCharArray();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the key-store password " + file + ": " + e.getMessage(), e);
        }
    }

    /** Whether the platform has POSIX permissions (tests of 0600/0700 only mean something there). */
    public static boolean posix() {
        return POSIX;
    }
}
