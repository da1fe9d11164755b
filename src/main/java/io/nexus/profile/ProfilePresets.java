package io.nexus.profile;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The preset profiles shipped inside the application (the repository's {@code profiles/}, packed into the
 * jar), and the user's profiles directory ({@code $XDG_CONFIG_HOME/nexus-workbench/profiles}) they are
 * installed into: a preset the user has no file of is copied there, one the user has (edited or not) is
 * left alone. Stateless; thread-safe.
 */
public final class ProfilePresets {
    /** The presets' names, as their files are named under {@code profiles/}. */
    public static final List<String> NAMES = List.of("default", "latency", "throughput", "numa-2node");

    private ProfilePresets() {
    }

    /** @return the user's profiles directory: {@code $XDG_CONFIG_HOME/nexus-workbench/profiles}, or under {@code ~/.config} */
    public static Path userDirectory() {
        String xdg = System.getenv("XDG_CONFIG_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".config");
        return base.resolve("nexus-workbench").resolve("profiles");
    }

    /**
     * Copies every preset the directory has no file of into it.
     *
     * @return the names installed
     * @throws IOException if the directory or a file cannot be written (the message names it)
     */
    public static List<String> installInto(Path dir) throws IOException {
        List<String> installed = new java.util.ArrayList<>();
        for (String name : NAMES) {
            Path file = dir.resolve(name + ProfileFiles.EXTENSION);
            if (!Files.exists(file)) {
                AtomicFiles.writeString(file, text(name));
                installed.add(name);
            }
        }
        return installed;
    }

    /** @return the shipped text of preset {@code name} */
    public static String text(String name) throws IOException {
        try (InputStream in = ProfilePresets.class.getResourceAsStream("/profiles/" + name + ProfileFiles.EXTENSION)) {
            if (in == null) {
                throw new IOException("preset " + name + " is missing from the application (profiles/" + name + ".toml)");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
