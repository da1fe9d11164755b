package io.nexus.app;

import io.nexus.profile.AtomicFiles;
import io.nexus.profile.FieldError;
import io.nexus.profile.ProfileFiles;
import io.nexus.profile.TuningProfile;
import io.nexus.tuning.ContainerTuning;
import io.nexus.tuning.DatabaseWorkload;
import io.nexus.tuning.Deployment;
import io.nexus.tuning.Host;
import io.nexus.tuning.JvmTuning;
import io.nexus.tuning.LimitsTuning;
import io.nexus.tuning.PgBouncerTuning;
import io.nexus.tuning.PostgresTuning;
import io.nexus.tuning.Setting;
import io.nexus.tuning.SysctlTuning;
import io.nexus.tuning.TuningException;
import io.nexus.tuning.ServiceTuning;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The files an operator applies, generated together from a profile and a host: every file is produced
 * and checked before any is written (bad input writes nothing), each is written to a temporary file and
 * moved into place (world-readable: PostgreSQL and PgBouncer read them as their own users; the bundle
 * holds no secrets), and the bundle carries the profile and an APPLY.md with one deployment path (a
 * systemd service or a container, never both) and a memory budget that adds up. Immutable.
 *
 * @param profile    the engine profile, with its host-side sections
 * @param host       the host the files are for
 * @param described  whether the host was described ([host] section, --ram-gib/--cores) rather than detected:
 *                   then nothing is read from this machine (no live sysctl values)
 * @param liveSysctl this host's current sysctl values (never lowered unless allowed); empty when described
 * @param software   the PostgreSQL and PgBouncer versions the files are for
 */
public record ExportBundle(TuningProfile profile, Host host, boolean described, Map<String, String> liveSysctl, Software software) {
    /** What can be exported. NUMA is the engine's systemd unit, COMPOSE its container: one bundle has one of them. */
    public enum Target { SYSCTL, LIMITS, CPU, NUMA, POSTGRES, PGBOUNCER, COMPOSE, JVM }

    /**
     * The server software the files are written for.
     *
     * @param postgresMajor PostgreSQL's major version, e.g. 15
     * @param pgbouncer     PgBouncer's version, e.g. {@code 1.18}
     */
    public record Software(int postgresMajor, String pgbouncer) {
        /** Debian 12's, the oldest the files are tested with: used when neither is installed here nor given. */
        public static final Software DEBIAN_12 = new Software(15, "1.18");
    }

    /** The sysctl keys the bundle reads live from the host. */
    public static final List<String> SYSCTL_KEYS = List.of("net.core.rmem_max", "net.core.wmem_max", "net.ipv4.tcp_rmem",
            "net.ipv4.tcp_wmem", "net.core.somaxconn", "net.ipv4.tcp_max_syn_backlog", "net.core.netdev_max_backlog", "fs.nr_open",
            "fs.file-max", "vm.swappiness", "vm.dirty_ratio", "vm.dirty_background_ratio", "kernel.numa_balancing", "net.core.busy_poll",
            "net.core.busy_read", "net.ipv4.tcp_fastopen", "kernel.timer_migration", "vm.stat_interval");

    /**
     * @return the bundle the profile's host-side sections describe: on the detected host read from
     *     {@code procSys} (live sysctl values, NUMA nodes, installed PostgreSQL and PgBouncer), or on the
     *     host its [host] section describes (RAM or cores given), for which nothing of this machine is used
     */
    public static ExportBundle of(TuningProfile profile, io.nexus.engine.topology.Topology topology, Path procSys) {
        io.nexus.profile.SystemSettings s = profile.system();
        Host.Storage storage = Host.Storage.valueOf(s.storage().name());
        boolean described = s.hostRamBytes().isPresent() || s.hostCores().isPresent();
        if (described) {
            Host host = new Host(s.hostRamBytes().orElse(HostDetector.detect(topology, storage).ramBytes()),
                    s.hostCores().orElse(topology.cpuCount()), 1, storage);
            return new ExportBundle(profile, host, true, Map.of(), Software.DEBIAN_12);
        }
        Host detected = HostDetector.detect(topology, storage);
        return new ExportBundle(profile, detected, false, HostDetector.sysctl(procSys, SYSCTL_KEYS), HostDetector.software(Software.DEBIAN_12));
    }

    /** @return {@link #of(TuningProfile, io.nexus.engine.topology.Topology, Path)} on this machine's /proc/sys */
    public static ExportBundle of(TuningProfile profile, io.nexus.engine.topology.Topology topology) {
        return of(profile, topology, HostDetector.PROC_SYS);
    }

    /** @return a copy for other server versions (given on the command line) */
    public ExportBundle withSoftware(Software other) {
        return new ExportBundle(profile, host, described, liveSysctl, other);
    }

    /** @return the sysctl settings of this bundle */
    public List<Setting> sysctl() {
        return SysctlTuning.settings(preset(), liveSysctl, profile.system().allowLower());
    }

    private SysctlTuning.Preset preset() {
        return SysctlTuning.Preset.valueOf(profile.system().preset().name());
    }

    private DatabaseWorkload workload() {
        return DatabaseWorkload.valueOf(profile.system().dbWorkload().name());
    }

    private int maxConnections() {
        return profile.system().maxConnections().orElse(PostgresTuning.defaultConnections(workload()));
    }

    private PgBouncerTuning pooler(long nrOpen) {
        io.nexus.profile.SystemSettings s = profile.system();
        int max = maxConnections();
        return new PgBouncerTuning("nexus_engine", "127.0.0.1", 5432, 6432, s.maxClientConn(),
                s.poolSize().orElse(PgBouncerTuning.defaultPoolSize(max, s.reservePool())), s.reservePool(), max, nrOpen, software.pgbouncer());
    }

    /**
     * @return file name to content, for {@code targets}, plus the profile and APPLY.md
     * @throws TuningException naming every bad field
     */
    public Map<String, String> files(Set<Target> targets) throws TuningException {
        List<FieldError> errors = new ArrayList<>(host.validate());
        if (profile.system().hostRamBytes().isPresent() != profile.system().hostCores().isPresent()) {
            errors.add(new FieldError("host", "describe another host by both its RAM and its cores ([host] ram_bytes and cores, or --ram-gib"
                    + " and --cores): the other would be read from this machine"));
        }
        if (targets.contains(Target.NUMA) && targets.contains(Target.COMPOSE)) {
            errors.add(new FieldError("target", "numa (the systemd service) and compose (the container) are two ways to run the same engine:"
                    + " choose one, or the host runs two engines"));
        }
        if (!errors.isEmpty()) {
            throw new TuningException(errors);
        }
        io.nexus.profile.SystemSettings s = profile.system();
        String header = "generated by Nexus Workbench for profile " + profile.name() + " on a " + (described ? "described" : "detected") + " host of "
                + (host.ramBytes() >> 20) + " MiB RAM, " + host.cores() + " cores, " + host.numaNodes() + " NUMA node(s); PostgreSQL "
                + software.postgresMajor() + ", PgBouncer " + software.pgbouncer();
        List<Setting> sysctl = sysctl();
        errors.addAll(SysctlTuning.check(sysctl));
        long nrOpen = Long.parseLong(sysctl.stream().filter(x -> x.name().equals("fs.nr_open")).findFirst().orElseThrow().value());
        boolean database = targets.contains(Target.POSTGRES);
        boolean container = targets.contains(Target.COMPOSE);
        boolean engine = container || targets.contains(Target.NUMA) || targets.contains(Target.JVM);
        PgBouncerTuning pooler = pooler(nrOpen);
        Deployment deployment;
        try {
            deployment = Deployment.plan(profile, host, preset(), database ? new Deployment.Database(workload(), maxConnections(), software.postgresMajor()) : null,
                    engine, targets.contains(Target.PGBOUNCER) ? s.maxClientConn() : 0, container, s.containerMemoryBytes());
        } catch (TuningException e) {
            throw new TuningException(concat(errors, e.errors()));
        }
        String pgHeader = header + (engine && database ? "; PostgreSQL sized for the " + (deployment.postgresRam() >> 20)
                + " MiB the engine, PgBouncer and the system leave of the RAM (see APPLY.md's memory budget)" : "");
        Map<String, String> files = new LinkedHashMap<>();
        for (Target t : EnumSet.copyOf(targets)) {
            try {
                switch (t) {
                    case SYSCTL -> {
                        files.put("90-nexus.conf", SysctlTuning.file(sysctl, header));
                        if (!liveSysctl.isEmpty()) {
                            files.put("90-nexus.previous.conf", SysctlTuning.file(sysctl.stream().filter(x -> liveSysctl.containsKey(x.name()))
                                    .map(x -> new Setting(x.name(), liveSysctl.get(x.name()), "the value this host had when the bundle was made", false))
                                    .toList(), header + "; the rollback: sysctl -p 90-nexus.previous.conf"));
                        }
                    }
                    case LIMITS -> {
                        files.put("90-nexus-limits.conf", LimitsTuning.limitsConf(s.user(), s.nofile(), nrOpen));
                        files.put("nexus-engine.service.d-limits.conf", LimitsTuning.systemdDropIn(s.nofile(), nrOpen));
                    }
                    case CPU -> files.put("cpu.sh", ServiceTuning.cpuScript(preset(), database || preset() == SysctlTuning.Preset.LATENCY));
                    case NUMA -> {
                        files.put("nexus-sysusers.conf", ServiceTuning.sysusers(s.user()));
                        if (s.cpuDmaLatencyUs().isPresent()) {
                            files.put("99-nexus-cpu-dma-latency.rules", ServiceTuning.cpuLatencyRule(s.user()));
                        }
                        files.put("nexus-engine.service", ServiceTuning.unit(profile, host, deployment.jvmFlags(), s.nofile(), s.user()));
                    }
                    case POSTGRES -> {
                        List<Setting> applied = deployment.postgres();
                        files.put("nexus-tuning.conf", PostgresTuning.conf(applied, pgHeader));
                        files.put("nexus-tuning.sql", PostgresTuning.alterSystem(applied, pgHeader));
                        files.put("91-nexus-postgres.conf", SysctlTuning.file(SysctlTuning.databaseSettings(PostgresTuning.hugePages(applied)), header
                                + "; the database host's kernel settings (tuned's postgresql profile)"));
                    }
                    case PGBOUNCER -> {
                        files.put("pgbouncer.ini", pooler.ini());
                        files.put("pgbouncer.service.d-limits.conf", pooler.systemdDropIn());
                    }
                    case COMPOSE -> {
                        ContainerTuning limits = new ContainerTuning(deployment.containerBytes(), s.containerCpus().orElse(host.cores()), s.nofile());
                        files.put("docker-compose.yml", limits.compose(host, deployment.jvmFlags()));
                        files.put("Dockerfile", ContainerTuning.dockerfile());
                    }
                    case JVM -> files.put("jvm.options", JvmTuning.file(deployment.jvmFlags(), header));
                }
            } catch (TuningException e) {
                errors.addAll(e.errors());
            }
        }
        if (!errors.isEmpty()) {
            throw new TuningException(errors);
        }
        files.put(profile.name() + ProfileFiles.EXTENSION, ProfileFiles.toToml(profile));
        files.put("APPLY.md", ApplyGuide.markdown(files.keySet(), profile.name(), deployment.budget(), software));
        return files;
    }

    private static List<FieldError> concat(List<FieldError> a, List<FieldError> b) {
        List<FieldError> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    /** @return whether {@code dir} is a directory with anything in it (a bundle written there would replace files) */
    public static boolean holdsFiles(Path dir) throws IOException {
        if (!java.nio.file.Files.isDirectory(dir)) {
            return false;
        }
        try (java.util.stream.Stream<Path> entries = java.nio.file.Files.list(dir)) {
            return entries.findAny().isPresent();
        }
    }

    /** Writes {@code files} into {@code dir}, each atomically, readable by all (scripts also executable). */
    public static void write(Map<String, String> files, Path dir) throws IOException {
        for (Map.Entry<String, String> f : files.entrySet()) {
            AtomicFiles.writeString(dir.resolve(f.getKey()), f.getValue(), f.getKey().endsWith(".sh") ? EXECUTABLE : AtomicFiles.READABLE);
        }
    }

    /** fs.nr_open of a kernel nobody tuned: what a bundle without a sysctl file is checked against. */
    private static final long KERNEL_DEFAULT_NR_OPEN = 1_048_576;

    private static final Set<java.nio.file.attribute.PosixFilePermission> EXECUTABLE =
            java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x");

    /**
     * Re-validates a written bundle: its sysctl values and its limits against the sysctl file's fs.nr_open.
     *
     * @return every problem found, named by file and key
     */
    public static List<FieldError> check(Path dir) throws IOException {
        List<FieldError> errors = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return List.of(new FieldError(dir.toString(), Files.exists(dir) ? "is not a directory: give the bundle's directory" : "does not exist"));
        }
        if (!Files.isRegularFile(dir.resolve("APPLY.md"))) {
            return List.of(new FieldError(dir.toString(), "is not a bundle: it has no APPLY.md (write one with nexus export --out DIR)"));
        }
        Path sysctl = dir.resolve("90-nexus.conf");
        long nrOpen = KERNEL_DEFAULT_NR_OPEN;
        if (Files.isRegularFile(sysctl)) {
            List<Setting> settings = new ArrayList<>();
            for (String line : Files.readAllLines(sysctl)) {
                int eq = line.indexOf('=');
                if (!line.startsWith("#") && eq > 0) {
                    settings.add(new Setting(line.substring(0, eq).strip(), line.substring(eq + 1).strip(), "", false));
                }
            }
            List<FieldError> bad = SysctlTuning.check(settings);
            errors.addAll(bad.stream().map(e -> new FieldError("90-nexus.conf: " + e.field(), e.message())).toList());
            if (bad.stream().noneMatch(e -> e.field().equals("fs.nr_open"))) {
                nrOpen = settings.stream().filter(s -> s.name().equals("fs.nr_open")).map(s -> Long.parseLong(s.value())).findFirst().orElse(nrOpen);
            }
        }
        Path dropIn = dir.resolve("nexus-engine.service.d-limits.conf");
        if (Files.isRegularFile(dropIn)) {
            for (String line : Files.readAllLines(dropIn)) {
                if (line.startsWith("LimitNOFILE=")) {
                    String value = line.substring("LimitNOFILE=".length()).strip();
                    if (!value.matches("\\d{1,18}")) {
                        errors.add(new FieldError("nexus-engine.service.d-limits.conf: LimitNOFILE", "must be a number, got '" + value + "'"));
                        continue;
                    }
                    long nofile = Long.parseLong(value);
                    if (nofile > nrOpen) {
                        errors.add(new FieldError("nexus-engine.service.d-limits.conf: LimitNOFILE", nofile + " exceeds fs.nr_open " + nrOpen));
                    }
                }
            }
        }
        return errors;
    }
}
