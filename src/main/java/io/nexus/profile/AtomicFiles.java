package io.nexus.profile;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Writes a file so that a crash never leaves half of it: the text goes to a temporary file in the same
 * directory, which then replaces the target in one move (atomically where the file system can).
 * Stateless and thread-safe; concurrent writers of one file leave one of their versions whole.
 */
public final class AtomicFiles {
    private AtomicFiles() {
    }

    /** rw-r--r--: what a new file gets, as with the usual umask 022 (a temporary file alone would be 0600). */
    public static final Set<PosixFilePermission> READABLE = PosixFilePermissions.fromString("rw-r--r--");

    /**
     * Writes {@code text} (UTF-8) to {@code file}, creating its directory. An existing file keeps its
     * permissions; a new one is {@link #READABLE}.
     *
     * @throws IOException if the directory or file cannot be written; the target is then unchanged
     */
    public static void writeString(Path file, String text) throws IOException {
        write(file, text.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Writes {@code text} (UTF-8) to {@code file} with {@code permissions}, creating its directory.
     *
     * @throws IOException if the directory or file cannot be written; the target is then unchanged
     */
    public static void writeString(Path file, String text, Set<PosixFilePermission> permissions) throws IOException {
        write(file, text.getBytes(StandardCharsets.UTF_8), permissions);
    }

    /**
     * Writes {@code bytes} to {@code file}, creating its directory. An existing file keeps its permissions; a
     * new one is {@link #READABLE}.
     *
     * @throws IOException if the directory or file cannot be written; the target is then unchanged
     */
    public static void write(Path file, byte[] bytes) throws IOException {
        write(file, bytes, Files.exists(file) ? Files.getPosixFilePermissions(file) : READABLE);
    }

    private static void write(Path file, byte[] bytes, Set<PosixFilePermission> permissions) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path temp = Files.createTempFile(dir, "." + file.getFileName(), ".tmp");
        try {
            Files.write(temp, bytes);
            Files.setPosixFilePermissions(temp, permissions);
            try {
                Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
    }
}
