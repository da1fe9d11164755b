package io.nexus.engine.topology;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a {@link Topology} from a sysfs root (normally {@code /sys}) and a procfs root (normally
 * {@code /proc}). Tests point it at a directory laid out the same way to fake two- or four-node machines.
 * Missing files degrade gracefully: no NUMA directory means one node with every CPU; no cache
 * directory means no caches; no {@code cpuinfo} means model {@code "unknown"}. Thread-safe.
 */
public final class SysfsTopologyReader {
    private static final Pattern NODE_DIR = Pattern.compile("node(\\d+)");

    private final Path sys;
    private final Path proc;

    /**
     * @param sysRoot  a directory laid out like {@code /sys}
     * @param procRoot a directory laid out like {@code /proc}
     */
    public SysfsTopologyReader(Path sysRoot, Path procRoot) {
        this.sys = sysRoot;
        this.proc = procRoot;
    }

    /**
     * @return the topology under the roots
     * @throws UncheckedIOException if the online CPU list is missing or unreadable
     */
    public Topology read() {
        Path cpuDir = sys.resolve("devices/system/cpu");
        List<Integer> online = CpuList.parse(readRequired(cpuDir.resolve("online")));
        List<NumaNode> nodes = readNodes(online);
        List<CacheInfo> caches = online.isEmpty() ? List.of() : readCaches(cpuDir.resolve("cpu" + online.getFirst() + "/cache"));
        return new Topology(readCpuModel(), online, nodes, caches);
    }

    private List<NumaNode> readNodes(List<Integer> online) {
        Path nodeDir = sys.resolve("devices/system/node");
        List<NumaNode> nodes = new ArrayList<>();
        if (Files.isDirectory(nodeDir)) {
            try (DirectoryStream<Path> dirs = Files.newDirectoryStream(nodeDir, "node*")) {
                for (Path dir : dirs) {
                    Matcher m = NODE_DIR.matcher(dir.getFileName().toString());
                    if (m.matches()) {
                        List<Integer> cpus = CpuList.parse(readOptional(dir.resolve("cpulist")).orElse(""));
                        long memory = readOptional(dir.resolve("meminfo")).map(PseudoFiles::memTotalBytes).orElse(0L);
                        nodes.add(new NumaNode(Integer.parseInt(m.group(1)), cpus, memory));
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot list NUMA nodes in " + nodeDir, e);
            }
        }
        if (nodes.isEmpty()) {
            nodes.add(new NumaNode(0, online, 0));
        }
        nodes.sort(Comparator.comparingInt(NumaNode::id));
        return nodes;
    }

    private List<CacheInfo> readCaches(Path cacheDir) {
        List<CacheInfo> caches = new ArrayList<>();
        if (!Files.isDirectory(cacheDir)) {
            return caches;
        }
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(cacheDir, "index*")) {
            for (Path dir : dirs) {
                Optional<String> level = readOptional(dir.resolve("level"));
                Optional<String> size = readOptional(dir.resolve("size"));
                if (level.isPresent() && size.isPresent()) {
                    caches.add(new CacheInfo(Integer.parseInt(level.get()),
                            readOptional(dir.resolve("type")).orElse("Unified"),
                            parseSize(size.get()),
                            CpuList.parse(readOptional(dir.resolve("shared_cpu_list")).orElse(""))));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list caches in " + cacheDir, e);
        }
        caches.sort(Comparator.comparingInt(CacheInfo::level).thenComparing(CacheInfo::type));
        return caches;
    }

    /** Parses sysfs cache sizes such as {@code 32K}, {@code 1024K}, {@code 32M}. */
    static long parseSize(String text) {
        String t = text.strip().toUpperCase(java.util.Locale.ROOT);
        long unit = switch (t.isEmpty() ? ' ' : t.charAt(t.length() - 1)) {
            case 'K' -> 1024L;
            case 'M' -> 1024L * 1024;
            case 'G' -> 1024L * 1024 * 1024;
            default -> 1L;
        };
        String digits = unit == 1 ? t : t.substring(0, t.length() - 1);
        return Long.parseLong(digits) * unit;
    }

    private String readCpuModel() {
        return readOptional(proc.resolve("cpuinfo")).flatMap(info -> info.lines()
                        .filter(l -> l.startsWith("model name"))
                        .map(l -> l.substring(l.indexOf(':') + 1).strip())
                        .findFirst())
                .orElse("unknown");
    }

    private static String readRequired(Path file) {
        return readOptional(file).orElseThrow(() -> new UncheckedIOException(new NoSuchFileException(file.toString())));
    }

    private static Optional<String> readOptional(Path file) {
        return PseudoFiles.read(file);
    }
}
