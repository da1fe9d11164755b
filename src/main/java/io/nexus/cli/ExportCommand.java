package io.nexus.cli;

import io.nexus.app.ExportBundle;
import io.nexus.app.Workbench;
import io.nexus.profile.FieldError;
import io.nexus.profile.SystemSettings;
import io.nexus.profile.TuningProfile;
import io.nexus.tuning.TuningException;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
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

    @Option(names = "--preset", description = "latency or throughput (default: the profile's [os] preset)")
    SystemSettings.Preset preset;

    @Option(names = "--allow-lower", description = "let sysctl values lower settings the host already has higher")
    boolean allowLower;

    @Option(names = "--ram-gib", paramLabel = "GIB", description = "size for this much RAM instead of the host's")
    Double ramGib;

    @Option(names = "--cores", description = "size for this many cores instead of the host's")
    Integer cores;

    @Option(names = "--storage", description = "database storage: ssd, hdd or san (default: the profile's)")
    SystemSettings.Storage storage;

    @Option(names = "--db-workload", description = "web, oltp, dw, mixed or desktop (default: the profile's)")
    SystemSettings.DbWorkload workload;

    @Option(names = "--max-connections", description = "PostgreSQL max_connections (default: the profile's, else by workload as PGTune)")
    Integer maxConnections;

    @Option(names = "--max-clients", description = "PgBouncer max_client_conn (default: the profile's)")
    Integer maxClients;

    @Option(names = "--pool-size", description = "PgBouncer default_pool_size (default: the guide's 25, less if max_connections is smaller)")
    Integer poolSize;

    @Option(names = "--reserve-pool", description = "PgBouncer reserve_pool_size (default: the profile's)")
    Integer reservePool;

    @Option(names = "--nofile", description = "open-file limit for the engine (default: the profile's)")
    Long nofile;

    @Option(names = "--user", description = "the user the engine runs as (default: the profile's)")
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

    /** @return the profile with the host-side values given on the command line in place of its own */
    private TuningProfile withOptions(TuningProfile p) {
        SystemSettings s = p.system();
        SystemSettings merged = new SystemSettings(preset != null ? preset : s.preset(), allowLower || s.allowLower(),
                nofile != null ? nofile : s.nofile(), user != null ? user : s.user(), workload != null ? workload : s.dbWorkload(),
                storage != null ? storage : s.storage(), maxConnections != null ? OptionalInt.of(maxConnections) : s.maxConnections(),
                maxClients != null ? maxClients : s.maxClientConn(), poolSize != null ? OptionalInt.of(poolSize) : s.poolSize(),
                reservePool != null ? reservePool : s.reservePool(),
                containerGib != null ? OptionalLong.of((long) (containerGib * (1L << 30))) : s.containerMemoryBytes(),
                containerCpus != null ? OptionalDouble.of(containerCpus) : s.containerCpus(),
                ramGib != null ? OptionalLong.of((long) (ramGib * (1L << 30))) : s.hostRamBytes(),
                cores != null ? OptionalInt.of(cores) : s.hostCores());
        return p.withSystem(merged);
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
        TuningProfile p = withOptions(workbench.loadProfile(profile));
        List<FieldError> invalid = io.nexus.profile.ProfileValidator.validate(p, null);
        if (!invalid.isEmpty()) {
            throw new TuningException(invalid);
        }
        ExportBundle bundle = ExportBundle.of(p, workbench.topology());
        Map<String, String> files = bundle.files(java.util.EnumSet.copyOf(targets));
        ExportBundle.write(files, out);
        files.keySet().forEach(f -> w.println("wrote " + out.resolve(f)));
        w.flush();
        return 0;
    }
}
