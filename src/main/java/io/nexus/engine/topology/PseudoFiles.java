package io.nexus.engine.topology;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads the kernel's pseudo-files (sysfs, procfs). Stateless and thread-safe. */
public final class PseudoFiles {
    private static final Pattern MEM_TOTAL = Pattern.compile("MemTotal:\\s+(\\d+)\\s*kB");

    private PseudoFiles() {
    }

    /**
     * Reads a whole pseudo-file in one go ({@code Files.readString} can return a single byte on procfs).
     *
     * @return its text without surrounding whitespace, or empty if it is missing or unreadable
     */
    public static Optional<String> read(Path file) {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try (InputStream in = Files.newInputStream(file)) {
            return Optional.of(new String(in.readAllBytes(), StandardCharsets.UTF_8).strip());
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** @return the {@code MemAvailable} of {@code /proc/meminfo} in bytes (what the kernel can give without swapping), -1 if unknown */
    public static long memAvailableBytes() {
        return read(java.nio.file.Path.of("/proc/meminfo")).map(text -> {
            Matcher m = java.util.regex.Pattern.compile("MemAvailable:\\s+(\\d+) kB").matcher(text);
            return m.find() ? Long.parseLong(m.group(1)) * 1024 : -1L;
        }).orElse(-1L);
    }

    /** @return the {@code MemTotal} of a meminfo text ({@code /proc/meminfo} or a node's) in bytes, 0 if absent */
    public static long memTotalBytes(String meminfo) {
        Matcher m = MEM_TOTAL.matcher(meminfo);
        return m.find() ? Long.parseLong(m.group(1)) * 1024 : 0;
    }
}
