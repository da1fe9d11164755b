package io.nexus.engine;

import io.nexus.engine.topology.Topology;
import java.util.Objects;

/**
 * The in-process NexusEngine: starts runs of a workload on a pool of workers tuned by
 * {@link EngineSettings}, on the machine described by a {@link Topology}. Thread-safe; runs started from
 * one engine are independent (two at once share the CPUs and distort each other: the bench layer's
 * {@code MeasurementSlot} allows one measurement at a time per process).
 */
public final class NexusEngine {
    private final Topology topology;

    /** @param topology the machine the workers are placed on */
    public NexusEngine(Topology topology) {
        this.topology = Objects.requireNonNull(topology, "topology");
    }

    /** @return the machine this engine places workers on */
    public Topology topology() {
        return topology;
    }

    /**
     * Starts a run and returns at once.
     *
     * @param settings how the engine is tuned
     * @param plan     what load to apply
     * @param listener receives a sample every interval, on the run's controller thread
     * @return the run in progress
     * @throws IllegalArgumentException if the settings name a CPU that is not online, or the event-loop mode for a workload that runs on
     *     the CPU
     */
    public EngineRun start(EngineSettings settings, LoadPlan plan, RunListener listener) {
        EngineRun run = new EngineRun(settings, plan, topology, listener);
        run.start();
        return run;
    }
}
