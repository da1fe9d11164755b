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
        description = {"Write tuning files (sysctl, limits, cpu, numa, postgres, pgbouncer, compose, jvm) for this host, --check a bundle,",
                "or --verify-live a bundle's PostgreSQL settings against a running server."})
final class ExportCommand implements Callable<Integer> {
    @Option(names = "--target", split = ",", paramLabel = "T,T", defaultValue = "sysctl,limits,cpu,numa,postgres,pgbouncer,jvm",
            description = "what to write (default: everything for a systemd service; compose instead of numa for a container)")
    List<ExportBundle.Target> targets;

    @Option(names = "--out", paramLabel = "DIR", description = "directory to write the bundle into (created)")
    Path out;

    @Option(names = "--force", description = "write into a --out directory that is not empty (its files of the same names are replaced)")
    boolean force;

    @Option(names = "--check", paramLabel = "DIR", description = "re-validate the bundle in DIR instead of writing one")
    Path check;

    @Option(names = "--verify-live", paramLabel = "DIR", description = "compare DIR/nexus-tuning.conf with the settings in effect on --db")
    Path verifyLive;

    @Option(names = "--db", paramLabel = "URL", defaultValue = "jdbc:postgresql://127.0.0.1:5432/postgres",
            description = "the PostgreSQL server --verify-live reads (default: ${DEFAULT-VALUE}; user and password from PGUSER, PGPASSWORD)")
    String db;

    @Option(names = "--pg-version", paramLabel = "N", description = "PostgreSQL major version to write for (default: the newest installed here, else 15)")
    Integer pgVersion;

    @Option(names = "--pgbouncer-version", paramLabel = "X.Y", description = "PgBouncer version to write for (default: the one installed here, else 1.18)")
    String pgbouncerVersion;

    @Option(names = "--profile", paramLabel = "NAME|FILE", description = "tuning profile: a name from the profiles directory (latency, throughput, ...) or a file (default: default)")
    Path profile;

    @Option(names = "--preset", description = "latency or throughput (default: the profile's [os] preset)")
    SystemSettings.Preset preset;

    @Option(names = "--allow-lower", description = "let sysctl values lower settings the host already has higher")
    boolean allowLower;

    @Option(names = "--ram-gib", paramLabel = "GIB", description = "size for this much RAM instead of the host's")
    Double ramGib;

    @Option(names = "--cores", description = "size for this many cores instead of the host's")
    Integer cores;

    @Option(names = "--storage", description = "database storage: ssd, nvme, hdd or san (default: the profile's)")
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
                cores != null ? OptionalInt.of(cores) : s.hostCores(), s.cpuDmaLatencyUs());
        return p.withSystem(merged);
    }

    /** Refuses an --out that is a file, or a directory with files in it unless --force: a bundle is not overwritten silently. */
    private void refuseToOverwrite() throws java.io.IOException {
        if (java.nio.file.Files.exists(out) && !java.nio.file.Files.isDirectory(out)) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--out " + out + " is a file, not a directory");
        }
        if (!force && ExportBundle.holdsFiles(out)) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--out " + out + " is not empty"
                    + (java.nio.file.Files.exists(out.resolve("APPLY.md")) ? " (a bundle is there)" : "") + ": give --force to replace its files");
        }
    }

    /** @return 0 when every setting of the bundle is in effect on --db, 1 (listing each that is not) otherwise */
    private int verifyLive(PrintWriter w) throws Exception {
        java.nio.file.Path conf = verifyLive.resolve("nexus-tuning.conf");
        if (!java.nio.file.Files.isRegularFile(conf)) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), conf + " does not exist: give the bundle's directory");
        }
        Map<String, String> wanted = io.nexus.app.LiveSettingsCheck.read(conf);
        List<String> problems = io.nexus.app.LiveSettingsCheck.notInEffect(wanted, db, System.getenv().getOrDefault("PGUSER", "postgres"),
                System.getenv().getOrDefault("PGPASSWORD", ""));
        problems.forEach(problem -> w.println("not in effect: " + problem));
        w.println(problems.isEmpty() ? "all " + wanted.size() + " settings of " + conf + " are in effect"
                : problems.size() + " of " + wanted.size() + " settings are not in effect");
        w.flush();
        return problems.isEmpty() ? 0 : 1;
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
        if (verifyLive != null) {
            return verifyLive(w);
        }
        if (out == null) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "give --out DIR to write a bundle, or --check DIR");
        }
        refuseToOverwrite();
        TuningProfile p = withOptions(workbench.loadProfile(profile));
        List<FieldError> invalid = io.nexus.profile.ProfileValidator.validate(p, null);
        if (!invalid.isEmpty()) {
            throw new TuningException(invalid);
        }
        ExportBundle bundle = ExportBundle.of(p, workbench.topology());
        if (pgVersion != null || pgbouncerVersion != null) {
            bundle = bundle.withSoftware(new ExportBundle.Software(pgVersion != null ? pgVersion : bundle.software().postgresMajor(),
                    pgbouncerVersion != null ? pgbouncerVersion : bundle.software().pgbouncer()));
        }
        Map<String, String> files = bundle.files(java.util.EnumSet.copyOf(targets));
        ExportBundle.write(files, out);
        files.keySet().forEach(f -> w.println("wrote " + out.resolve(f)));
        w.flush();
        return 0;
    }
}
