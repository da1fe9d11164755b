package io.nexus.cli;

import io.nexus.app.ExportBundle;
import io.nexus.app.HostDetector;
import io.nexus.app.Workbench;
import io.nexus.profile.FieldError;
import io.nexus.profile.TuningProfile;
import io.nexus.tuning.ContainerTuning;
import io.nexus.tuning.DatabaseWorkload;
import io.nexus.tuning.Host;
import io.nexus.tuning.PgBouncerTuning;
import io.nexus.tuning.PostgresTuning;
import io.nexus.tuning.SysctlTuning;
import io.nexus.tuning.TuningException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code nexus export}: the tuning files for this host (or one described by options) as a bundle with
 * the profile and an APPLY.md; {@code --check DIR} re-validates a written bundle. Bad input writes nothing.
 */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = "Write tuning files (sysctl, limits, cpu, numa, postgres, pgbouncer, compose, jvm) for this host, or --check a bundle.")
final class ExportCommand implements Callable<Integer> {
    @Option(names = "--target", split = ",", paramLabel = "T,T", defaultValue = "sysctl,limits,cpu,numa,postgres,pgbouncer,compose,jvm",
            description = "what to write (default: everything)")
    List<ExportBundle.Target> targets;

    @Option(names = "--out", paramLabel = "DIR", description = "directory to write the bundle into (created)")
    Path out;

    @Option(names = "--check", paramLabel = "DIR", description = "re-validate the bundle in DIR instead of writing one")
    Path check;

    @Option(names = "--profile", paramLabel = "FILE", description = "the engine profile (default: profiles/default.toml)")
    Path profile;

    @Option(names = "--preset", defaultValue = "throughput", description = "latency or throughput (default: ${DEFAULT-VALUE})")
    SysctlTuning.Preset preset;

    @Option(names = "--allow-lower", description = "let sysctl values lower settings the host already has higher")
    boolean allowLower;

    @Option(names = "--ram-gib", paramLabel = "GIB", description = "size for this much RAM instead of the host's")
    Double ramGib;

    @Option(names = "--cores", description = "size for this many cores instead of the host's")
    Integer cores;

    @Option(names = "--storage", defaultValue = "ssd", description = "database storage: ssd, hdd or san (default: ${DEFAULT-VALUE})")
    Host.Storage storage;

    @Option(names = "--db-workload", defaultValue = "web", description = "web, oltp, dw, mixed or desktop (default: ${DEFAULT-VALUE})")
    DatabaseWorkload workload;

    @Option(names = "--max-connections", description = "PostgreSQL max_connections (default: by workload, as PGTune)")
    Integer maxConnections;

    @Option(names = "--max-clients", defaultValue = "10000", description = "PgBouncer max_client_conn (default: ${DEFAULT-VALUE})")
    int maxClients;

    @Option(names = "--pool-size", description = "PgBouncer default_pool_size (default: the guide's 25, less if max_connections is smaller)")
    Integer poolSize;

    @Option(names = "--reserve-pool", defaultValue = "5", description = "PgBouncer reserve_pool_size (default: ${DEFAULT-VALUE})")
    int reservePool;

    @Option(names = "--nofile", defaultValue = "1000000", description = "open-file limit for the engine (default: ${DEFAULT-VALUE})")
    long nofile;

    @Option(names = "--user", defaultValue = "nexus", description = "the user the engine runs as (default: ${DEFAULT-VALUE})")
    String user;

    @Option(names = "--container-memory-gib", paramLabel = "GIB", description = "container memory limit (default: half the RAM)")
    Double containerGib;

    @Option(names = "--container-cpus", description = "container CPU limit (default: all cores)")
    Double containerCpus;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    private final Workbench workbench;

    ExportCommand(Workbench workbench) {
        this.workbench = workbench;
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter w = spec.commandLine().getOut();
        if (check != null) {
            List<FieldError> problems = ExportBundle.check(check);
            if (!problems.isEmpty()) {
                throw new TuningException(problems);
            }
            w.println("bundle " + check + " is valid");
            w.flush();
            return 0;
        }
        if (out == null) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "give --out DIR to write a bundle, or --check DIR");
        }
        TuningProfile p = workbench.loadProfile(profile);
        Host detected = HostDetector.detect(workbench.topology(), storage);
        int coreCount = cores == null ? detected.cores() : cores;
        Host host = new Host(ramGib == null ? detected.ramBytes() : (long) (ramGib * (1L << 30)), coreCount,
                Math.max(1, Math.min(detected.numaNodes(), coreCount)), storage);
        ContainerTuning container = new ContainerTuning(containerGib == null ? host.ramBytes() / 2 : (long) (containerGib * (1L << 30)),
                containerCpus == null ? host.cores() : containerCpus, nofile);
        int connections = maxConnections == null ? PostgresTuning.defaultConnections(workload) : maxConnections;
        ExportBundle bundle = new ExportBundle(p, host, HostDetector.sysctl(ExportBundle.SYSCTL_KEYS), preset, allowLower, workload,
                connections, maxClients, poolSize == null ? PgBouncerTuning.defaultPoolSize(connections, reservePool) : poolSize, reservePool,
                nofile, user, container);
        Map<String, String> files = bundle.files(java.util.EnumSet.copyOf(targets));
        ExportBundle.write(files, out);
        files.keySet().forEach(f -> w.println("wrote " + out.resolve(f)));
        w.flush();
        return 0;
    }
}
