package io.nexus.app;

import io.nexus.advisor.Advisor;
import io.nexus.advisor.RunEvidence;
import io.nexus.bench.BenchRunner;
import io.nexus.bench.Finding;
import io.nexus.bench.RunProfile;
import io.nexus.bench.RunResult;
import io.nexus.bench.SweepPoint;
import io.nexus.bench.SweepRunner;
import io.nexus.engine.NexusEngine;
import io.nexus.engine.topology.Topology;
import io.nexus.profile.HostFacts;
import io.nexus.profile.ProfileException;
import io.nexus.profile.ProfileFiles;
import io.nexus.profile.ProfilePresets;
import io.nexus.profile.TuningProfile;
import io.nexus.store.ResultArchive;
import io.nexus.store.ResultJson;
import io.nexus.store.StoredRun;
import io.nexus.store.StoreLocation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The services the command line and the window share: the engine on this machine, its runners, the
 * profiles directory and the results stores. Thread-safe; make one per process and close it on exit.
 */
public final class Workbench implements AutoCloseable {
    /** The profile used when none is named: {@code default.toml} in the profiles directory. */
    public static final String DEFAULT_PROFILE = "default" + ProfileFiles.EXTENSION;

    private final Topology topology;
    private final BenchRunner runner;
    private final SweepRunner sweeper;
    private final Path profilesDir;
    private volatile StoreLocation store;
    private final Path spoolDir;
    private final Map<StoreLocation, ResultArchive> archives = new ConcurrentHashMap<>();

    /**
     * @param topology    the machine
     * @param profilesDir where {@code *.toml} profiles live (need not exist)
     * @param store       where runs are kept unless a command names another store
     * @param spoolDir    where runs wait while their store is unreachable
     */
    public Workbench(Topology topology, Path profilesDir, StoreLocation store, Path spoolDir) {
        this.topology = topology;
        this.runner = new BenchRunner(new NexusEngine(topology), new OwnApi(topology.cpuCount()));
        this.sweeper = new SweepRunner(runner);
        this.profilesDir = profilesDir;
        this.store = store;
        this.spoolDir = spoolDir;
    }

    /**
     * @return a workbench on the live machine with the user's profiles ({@link ProfilePresets#userDirectory()}, the
     *     shipped presets installed there if missing) and the store named by {@link StoreLocation#ENV_URL}, else an H2
     *     file in the user's data directory
     */
    public static Workbench onThisMachine() {
        Path profiles = ProfilePresets.userDirectory();
        try {
            ProfilePresets.installInto(profiles);
        } catch (IOException notWritable) {
            // the presets are still read from the application itself (loadProfile); the profile editor says what it cannot list
        }
        return new Workbench(Topology.detect(), profiles, StoreLocation.resolve(null), StoreLocation.defaultDataDir().resolve("spool"));
    }

    /** @return the profiler of runs, keeping recordings in {@code jfr} beside the spool directory */
    public RunProfiler profiler() {
        return new RunProfiler(spoolDir.resolveSibling("jfr"));
    }

    /**
     * @return what the advisor finds in {@code result}, with its profile if it was profiled, most severe first; a rule that
     *     fails is said as a finding of its own, so that a measured run is never lost to its diagnosis
     */
    public java.util.List<Finding> advise(RunResult result, java.util.Optional<RunProfile> profile) {
        try {
            return Advisor.advise(new RunEvidence(result, profile, java.util.Optional.empty()));
        } catch (RuntimeException e) {
            return java.util.List.of(new Finding("advisor-failed", Finding.Severity.NOTE, "the advisor could not read this run",
                    String.valueOf(e), "report it; the run itself is measured and kept", java.util.Map.of()));
        }
    }

    /**
     * @return what the advisor finds in each point of a sweep, by run id: each point alone, and the point with the most
     *     threads also with the sweep's USL model (its contention and coherency findings are the sweep's)
     */
    public java.util.Map<String, java.util.List<Finding>> adviseSweep(java.util.List<SweepPoint> points) {
        return Advisor.adviseSweep(points);
    }

    /**
     * @param profile the run's profile ({@link #profileOf}), if it was profiled
     * @return what the advisor finds in a stored run now, with the findings it keeps from its sweep's model (a run alone
     *     cannot find those again), most severe first
     */
    public java.util.List<Finding> advise(StoredRun run, java.util.Optional<RunProfile> profile) {
        java.util.List<Finding> found = new java.util.ArrayList<>(advise(ResultJson.toResult(run), profile));
        run.findings().stream().filter(Advisor::fromSweep).forEach(found::add);
        found.sort(java.util.Comparator.comparing(Finding::severity));
        return java.util.List.copyOf(found);
    }

    /**
     * @return where a stored run's time went: the profile kept with it, else (a run stored before profiles were kept) its
     *     recording in this machine's data directory; empty if it was not profiled
     * @throws IOException if its recording exists but cannot be read
     */
    public java.util.Optional<RunProfile> profileOf(StoredRun run) throws IOException {
        return run.profiled().isPresent() ? run.profiled() : profiler().read(run.id(), run.startedAt());
    }

    /** @return the store runs go to by default */
    public StoreLocation defaultStore() {
        return store;
    }

    /** Makes {@code location} the default store from now on (the window's store setting). */
    public void useStore(StoreLocation location) {
        this.store = java.util.Objects.requireNonNull(location, "location");
    }

    /**
     * @param location a store, or {@code null} for {@link #defaultStore()}
     * @return the archive of that store, one per store for the life of this workbench
     */
    public ResultArchive archive(StoreLocation location) {
        return archives.computeIfAbsent(location == null ? store : location, l -> new ResultArchive(l, spoolDir));
    }

    /** Closes every store opened. */
    @Override
    public void close() {
        archives.values().forEach(ResultArchive::close);
    }

    public Topology topology() {
        return topology;
    }

    public BenchRunner runner() {
        return runner;
    }

    public SweepRunner sweeper() {
        return sweeper;
    }

    public Path profilesDir() {
        return profilesDir;
    }

    /**
     * @param whyNot told why, when the profiles directory cannot be listed
     * @return the names of the profiles in the profiles directory, sorted (what {@link #loadProfile} takes as a bare
     *     name); none if the directory cannot be listed
     */
    public java.util.List<String> profileNames(java.util.function.Consumer<String> whyNot) {
        try {
            return ProfileFiles.list(profilesDir).stream().map(p -> p.getFileName().toString())
                    .map(n -> n.substring(0, n.length() - ProfileFiles.EXTENSION.length())).sorted().toList();
        } catch (java.io.IOException e) {
            whyNot.accept("cannot list profiles in " + profilesDir + ": " + IoErrors.describe(e));
            return java.util.List.of();
        }
    }

    /** @return the thread counts a sweep uses when none are given: 1, 2, 4, ... up to the online CPUs */
    public java.util.List<Integer> defaultSweepThreads() {
        return SweepRunner.defaultThreadCounts(topology.cpuCount());
    }

    /** @return what profile validation needs to know of this machine */
    public HostFacts hostFacts() {
        return new HostFacts(topology.onlineCpus(), topology.nodes().size());
    }

    /**
     * @param file a profile file; a bare name ({@code latency}) is the profile of that name in the profiles directory, else the
     *             shipped preset; {@code null} is the default profile, else the built-in defaults
     * @throws ProfileException naming each bad field, or a name that is neither a file nor a profile
     */
    public TuningProfile loadProfile(Path file) throws ProfileException {
        if (file == null) {
            Path fallback = profilesDir.resolve(DEFAULT_PROFILE);
            return Files.isRegularFile(fallback) ? ProfileFiles.read(fallback, hostFacts()) : TuningProfile.defaults();
        }
        if (Files.exists(file) || file.getNameCount() > 1 || file.toString().endsWith(ProfileFiles.EXTENSION)) {
            return ProfileFiles.read(file, hostFacts());
        }
        String name = file.toString();
        Path own = profilesDir.resolve(name + ProfileFiles.EXTENSION);
        if (Files.isRegularFile(own)) {
            return ProfileFiles.read(own, hostFacts());
        }
        if (!ProfilePresets.NAMES.contains(name)) {
            throw new ProfileException(file, java.util.List.of(new io.nexus.profile.FieldError("--profile", "no profile named '" + name + "' in "
                    + profilesDir + " and no such file; presets: " + String.join(", ", ProfilePresets.NAMES))));
        }
        TuningProfile preset;
        try {
            preset = ProfileFiles.parse(name, ProfilePresets.text(name));
        } catch (IOException e) {
            throw new ProfileException(file, java.util.List.of(new io.nexus.profile.FieldError("--profile", e.getMessage())));
        }
        java.util.List<io.nexus.profile.FieldError> errors = io.nexus.profile.ProfileValidator.validate(preset, hostFacts());
        if (!errors.isEmpty()) {
            throw new ProfileException(file, errors);
        }
        return preset;
    }

    /**
     * Starts the engine's HTTP API with {@code profile} (its {@code [api]} section, threads, batch and idle strategy).
     *
     * @throws ProfileException naming each bad field of the profile, before anything listens
     * @throws IOException      when its address cannot be bound, saying why
     */
    public io.nexus.api.NexusApi serve(TuningProfile profile) throws ProfileException, IOException {
        java.util.List<io.nexus.profile.FieldError> errors = io.nexus.profile.ProfileValidator.validate(profile, hostFacts());
        if (!errors.isEmpty()) {
            throw new ProfileException(null, errors);
        }
        return io.nexus.api.NexusApi.start(profile, topology.cpuCount());
    }
}
