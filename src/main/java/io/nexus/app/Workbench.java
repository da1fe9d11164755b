package io.nexus.app;

import io.nexus.bench.BenchRunner;
import io.nexus.bench.SweepRunner;
import io.nexus.engine.NexusEngine;
import io.nexus.engine.topology.Topology;
import io.nexus.profile.HostFacts;
import io.nexus.profile.ProfileException;
import io.nexus.profile.ProfileFiles;
import io.nexus.profile.TuningProfile;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The services the command line and the window share: the engine on this machine, its runners, and the
 * profiles directory. Immutable and thread-safe; make one per process.
 */
public final class Workbench {
    /** The profile used when none is named: {@code default.toml} in the profiles directory. */
    public static final String DEFAULT_PROFILE = "default" + ProfileFiles.EXTENSION;

    private final Topology topology;
    private final BenchRunner runner;
    private final SweepRunner sweeper;
    private final Path profilesDir;

    /**
     * @param topology    the machine
     * @param profilesDir where {@code *.toml} profiles live (need not exist)
     */
    public Workbench(Topology topology, Path profilesDir) {
        this.topology = topology;
        this.runner = new BenchRunner(new NexusEngine(topology));
        this.sweeper = new SweepRunner(runner);
        this.profilesDir = profilesDir;
    }

    /** @return a workbench on the live machine with profiles under {@code ./profiles} */
    public static Workbench onThisMachine() {
        return new Workbench(Topology.detect(), Path.of("profiles"));
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
