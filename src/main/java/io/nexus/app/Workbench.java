package io.nexus.app;

import io.nexus.bench.BenchRunner;
import io.nexus.bench.SweepRunner;
import io.nexus.engine.NexusEngine;
import io.nexus.engine.topology.Topology;
import io.nexus.profile.HostFacts;
import io.nexus.profile.ProfileException;
import io.nexus.profile.ProfileFiles;
import io.nexus.profile.TuningProfile;
import io.nexus.store.ResultArchive;
import io.nexus.store.StoreLocation;
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
        this.runner = new BenchRunner(new NexusEngine(topology));
        this.sweeper = new SweepRunner(runner);
        this.profilesDir = profilesDir;
        this.store = store;
        this.spoolDir = spoolDir;
    }

    /**
     * @return a workbench on the live machine with profiles under {@code ./profiles} and the store named by
     *     {@link StoreLocation#ENV_URL}, else an H2 file in the user's data directory
     */
    public static Workbench onThisMachine() {
        return new Workbench(Topology.detect(), Path.of("profiles"), StoreLocation.resolve(null),
                StoreLocation.defaultDataDir().resolve("spool"));
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

    /** @return the thread counts a sweep uses when none are given: 1, 2, 4, ... up to the online CPUs */
    public java.util.List<Integer> defaultSweepThreads() {
        return SweepRunner.defaultThreadCounts(topology.cpuCount());
    }

    /** @return what profile validation needs to know of this machine */
    public HostFacts hostFacts() {
        return new HostFacts(topology.onlineCpus(), topology.nodes().size());
    }

    /**
     * @param file a profile file, or {@code null} for {@link #DEFAULT_PROFILE} in the profiles directory,
     *             falling back to the built-in defaults when that file does not exist
     * @throws ProfileException naming each bad field
     */
    public TuningProfile loadProfile(Path file) throws ProfileException {
        if (file == null) {
            Path fallback = profilesDir.resolve(DEFAULT_PROFILE);
            return Files.isRegularFile(fallback) ? ProfileFiles.read(fallback, hostFacts()) : TuningProfile.defaults();
        }
        return ProfileFiles.read(file, hostFacts());
    }
}
