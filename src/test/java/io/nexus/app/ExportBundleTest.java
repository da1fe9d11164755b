package io.nexus.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nexus.engine.topology.Topology;
import io.nexus.profile.FieldError;
import io.nexus.profile.SystemSettings;
import io.nexus.profile.TuningProfile;
import io.nexus.tuning.TuningException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bundles generated from profiles against a copy of /proc/sys, and what they commit of the host's memory. */
class ExportBundleTest {
    private static final long GB = 1L << 30;
    private static final Topology TOPOLOGY = Topology.detect();
    private static final Set<ExportBundle.Target> SYSTEMD = EnumSet.complementOf(EnumSet.of(ExportBundle.Target.COMPOSE));

    @TempDir
    Path dir;

    private Path procSys(Map<String, String> values) throws Exception {
        Path root = dir.resolve("proc-sys");
        for (Map.Entry<String, String> v : values.entrySet()) {
            Path file = root.resolve(v.getKey().replace('.', '/'));
            Files.createDirectories(file.getParent());
            Files.writeString(file, v.getValue() + "\n");
        }
        return root;
    }

    private static TuningProfile described(long ramBytes, int cores, SystemSettings.DbWorkload workload) {
        SystemSettings d = SystemSettings.defaults();
        return TuningProfile.defaults().withSystem(new SystemSettings(d.preset(), d.allowLower(), d.nofile(), d.user(), workload, d.storage(),
                OptionalInt.empty(), 1000, OptionalInt.empty(), d.reservePool(), OptionalLong.empty(), OptionalDouble.empty(),
                OptionalLong.of(ramBytes), OptionalInt.of(cores), OptionalInt.empty()));
    }

    /** systemd 240+ boots with fs.file-max = 2^63 - 1: the export runs and keeps it. */
    @Test
    void exportsOnAHostWhoseFileMaxIsSystemds() throws Exception {
        ExportBundle bundle = ExportBundle.of(TuningProfile.defaults(), TOPOLOGY, procSys(Map.of("fs.file-max", "9223372036854775807")));
        Map<String, String> files = bundle.files(EnumSet.of(ExportBundle.Target.SYSCTL, ExportBundle.Target.LIMITS));
        assertTrue(files.get("90-nexus.conf").contains("fs.file-max = 9223372036854775807"), files.get("90-nexus.conf"));
        assertTrue(files.get("90-nexus.previous.conf").contains("fs.file-max = 9223372036854775807"), "the rollback file has the host's values");
    }

    /** A host described by the profile gets the preset's values: nothing of the machine that generates the bundle. */
    @Test
    void aDescribedHostGetsNoReadingsOfThisMachine() throws Exception {
        Path proc = procSys(Map.of("net.core.somaxconn", "262144"));
        ExportBundle here = ExportBundle.of(TuningProfile.defaults(), TOPOLOGY, proc);
        assertEquals("262144", value(here.sysctl(), "net.core.somaxconn"), "this host keeps its higher value");
        ExportBundle other = ExportBundle.of(described(64 * GB, 16, SystemSettings.DbWorkload.WEB), TOPOLOGY, proc);
        assertTrue(other.described() && other.liveSysctl().isEmpty());
        assertEquals("65535", value(other.sysctl(), "net.core.somaxconn"));
        assertTrue(other.sysctl().stream().noneMatch(s -> s.why().contains("kept the host's")));
        assertEquals(1, other.host().numaNodes(), "not this machine's NUMA nodes");
        assertEquals(ExportBundle.Software.DEBIAN_12, other.software());
        assertFalse(other.files(SYSTEMD).containsKey("90-nexus.previous.conf"), "no rollback values from another machine");
        SystemSettings coresOnly = described(64 * GB, 16, SystemSettings.DbWorkload.WEB).system();
        TuningProfile half = TuningProfile.defaults().withSystem(new SystemSettings(coresOnly.preset(), false, coresOnly.nofile(), coresOnly.user(),
                coresOnly.dbWorkload(), coresOnly.storage(), OptionalInt.empty(), 1000, OptionalInt.empty(), 5, OptionalLong.empty(),
                OptionalDouble.empty(), OptionalLong.empty(), OptionalInt.of(16), OptionalInt.empty()));
        TuningException e = assertThrows(TuningException.class, () -> ExportBundle.of(half, TOPOLOGY, proc).files(SYSTEMD));
        assertTrue(e.errors().stream().anyMatch(f -> f.field().equals("host")), e.getMessage());
    }

    /** A profile that asks for a CPU wake-up latency gets the udev rule that lets the service's user hold it; the container restarts after OOM. */
    @Test
    void theServiceMayHoldItsProfilesCpuLatencyAndTheContainerRestarts() throws Exception {
        SystemSettings d = described(16 * GB, 8, SystemSettings.DbWorkload.WEB).system();
        TuningProfile latency = TuningProfile.defaults().withSystem(new SystemSettings(d.preset(), false, d.nofile(), "nexus", d.dbWorkload(),
                d.storage(), OptionalInt.empty(), 1000, OptionalInt.empty(), 5, OptionalLong.empty(), OptionalDouble.empty(), d.hostRamBytes(),
                d.hostCores(), OptionalInt.of(1)));
        Map<String, String> files = ExportBundle.of(latency, TOPOLOGY).files(SYSTEMD);
        assertTrue(files.get("99-nexus-cpu-dma-latency.rules").contains("KERNEL==\"cpu_dma_latency\", GROUP=\"nexus\", MODE=\"0660\""));
        assertTrue(files.get("APPLY.md").contains("udevadm trigger --name-match=cpu_dma_latency"));
        String compose = ExportBundle.of(latency, TOPOLOGY).files(EnumSet.of(ExportBundle.Target.COMPOSE)).get("docker-compose.yml");
        assertTrue(compose.contains("restart: on-failure"), compose);
    }

    /** PostgreSQL and PgBouncer read the files as their own users: world-readable, scripts executable. */
    @Test
    void writtenFilesAreReadableByTheServicesThatReadThem() throws Exception {
        Map<String, String> files = ExportBundle.of(described(16 * GB, 8, SystemSettings.DbWorkload.WEB), TOPOLOGY).files(SYSTEMD);
        ExportBundle.write(files, dir.resolve("bundle"));
        for (String name : files.keySet()) {
            String mode = PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("bundle").resolve(name)));
            assertEquals(name.endsWith(".sh") ? "rwxr-xr-x" : "rw-r--r--", mode, name);
        }
        assertEquals(List.of(), ExportBundle.check(dir.resolve("bundle")));
    }

    @Test
    void checkRefusesWhatIsNotABundle() throws Exception {
        assertEquals(1, ExportBundle.check(dir.resolve("missing")).size());
        Files.createDirectories(dir.resolve("empty"));
        assertTrue(ExportBundle.check(dir.resolve("empty")).getFirst().message().contains("no APPLY.md"));
        Files.writeString(dir.resolve("file"), "x");
        assertEquals(1, ExportBundle.check(dir.resolve("file")).size());
    }

    /** One engine per host: a bundle is a systemd service or a container, never both. */
    @Test
    void aBundleHasOneDeploymentPath() throws Exception {
        ExportBundle bundle = ExportBundle.of(described(16 * GB, 8, SystemSettings.DbWorkload.WEB), TOPOLOGY);
        TuningException both = assertThrows(TuningException.class, () -> bundle.files(EnumSet.allOf(ExportBundle.Target.class)));
        assertEquals(List.of("target"), both.errors().stream().map(FieldError::field).toList());
        String service = bundle.files(SYSTEMD).get("APPLY.md");
        assertTrue(service.contains("as a systemd service") && !service.contains("docker compose"), service);
        Map<String, String> container = bundle.files(EnumSet.complementOf(EnumSet.of(ExportBundle.Target.NUMA)));
        assertFalse(container.containsKey("nexus-engine.service"));
        assertTrue(container.get("APPLY.md").contains("in a container") && !container.get("APPLY.md").contains("systemctl enable --now nexus-engine"));
    }

    /**
     * Over a grid of hosts and every database workload, the engine and the database on one host: the budget in
     * APPLY.md adds up to at most the RAM, its rows are the values in the files, and effective_cache_size counts
     * only on what the engine leaves; or the export refuses, naming the memory.
     */
    @Test
    void theMemoryBudgetAddsUpOverTheHostGrid() throws Exception {
        List<String> refused = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (long ramGib : new long[] {1, 2, 4, 8, 16, 32, 64, 128, 256, 512}) {
            for (int cores : new int[] {1, 2, 4, 8, 16, 32, 64}) {
                for (SystemSettings.DbWorkload w : SystemSettings.DbWorkload.values()) {
                    String host = ramGib + " GiB " + cores + " cores " + w;
                    Map<String, String> files;
                    try {
                        files = ExportBundle.of(described(ramGib * GB, cores, w), TOPOLOGY).files(SYSTEMD);
                    } catch (TuningException e) {
                        assertEquals(List.of("memory"), e.errors().stream().map(FieldError::field).toList(), host + ": " + e.getMessage());
                        refused.add(host);
                        continue;
                    }
                    Map<String, Long> rows = budgetRows(files.get("APPLY.md"));
                    long items = rows.entrySet().stream().filter(r -> !r.getKey().startsWith("**") && !r.getKey().startsWith("page cache"))
                            .mapToLong(Map.Entry::getValue).sum();
                    long committed = rows.get("**committed at the worst moment**");
                    if (Math.abs(items - committed) > rows.size() || committed > ramGib * 1024) {
                        problems.add(host + ": items " + items + " MiB, committed " + committed + " MiB of " + ramGib * 1024);
                    }
                    long heapMib = mib(files.get("jvm.options").lines().filter(l -> l.startsWith("-Xmx")).findFirst().orElseThrow().substring(4));
                    if (heapMib != rows.get("engine JVM heap")) {
                        problems.add(host + ": heap " + heapMib + " MiB in jvm.options, " + rows.get("engine JVM heap") + " in the budget");
                    }
                    Map<String, String> pg = LiveSettingsCheck.read(write(files, "nexus-tuning.conf"));
                    java.util.regex.Matcher hugePages = java.util.regex.Pattern.compile("vm.nr_hugepages = (\\d+)").matcher(files.get("91-nexus-postgres.conf"));
                    long sharedBytes = pg.get("huge_pages").equals("try") && hugePages.find() ? Long.parseLong(hugePages.group(1)) * (2 << 20)
                            : io.nexus.tuning.PostgresTuning.bytes(pg.get("shared_buffers")) + io.nexus.tuning.PostgresTuning.bytes(pg.get("wal_buffers"));
                    if (Math.abs(sharedBytes / (1 << 20) - rows.get("PostgreSQL shared memory")) > 1) {
                        problems.add(host + ": shared memory row " + rows.get("PostgreSQL shared memory") + " MiB vs the files' " + pg);
                    }
                    long engineAndSystem = rows.entrySet().stream().filter(r -> r.getKey().startsWith("engine") || r.getKey().startsWith("kernel")
                            || r.getKey().startsWith("PgBouncer")).mapToLong(Map.Entry::getValue).sum();
                    long cacheMib = io.nexus.tuning.PostgresTuning.bytes(pg.get("effective_cache_size")) >> 20;
                    if (cacheMib > ramGib * 1024 - engineAndSystem + 1) {
                        problems.add(host + ": effective_cache_size " + cacheMib + " MiB, but the engine and system hold " + engineAndSystem);
                    }
                }
            }
        }
        assertEquals(List.of(), problems);
        assertTrue(refused.size() < 10 * 7 * 5 / 4, "most hosts get a bundle; refused: " + refused);
    }

    private Path write(Map<String, String> files, String name) throws Exception {
        Path file = dir.resolve(name);
        Files.writeString(file, files.get(name));
        return file;
    }

    /** @return the budget table's rows: first column to its size in MiB */
    private static Map<String, Long> budgetRows(String apply) {
        Map<String, Long> rows = new java.util.LinkedHashMap<>();
        for (String line : apply.substring(apply.indexOf("## Memory budget")).lines().toList()) {
            String[] cells = line.split("\\|");
            if (cells.length > 2 && cells[2].strip().endsWith("MiB")) {
                rows.put(cells[1].strip(), Long.parseLong(cells[2].strip().replace(" MiB", "").replace(",", "")));
            }
        }
        return rows;
    }

    private static long mib(String size) {
        long n = Long.parseLong(size.substring(0, size.length() - 1));
        return size.endsWith("g") ? n * 1024 : n;
    }

    private static String value(List<io.nexus.tuning.Setting> settings, String key) {
        return settings.stream().filter(s -> s.name().equals(key)).findFirst().orElseThrow().value();
    }
}
