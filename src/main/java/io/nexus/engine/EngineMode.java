package io.nexus.engine;

/** How ops reach the workers. Every result names the mode it was measured in. */
public enum EngineMode {
    /**
     * Each worker follows its own share of the schedule and runs its ops itself: one busy thread per
     * worker, nothing between the schedule and the kernel. The default for the kernels.
     */
    SELF_PACED,
    /**
     * A dispatcher thread feeds each worker's lock-free queue (the guide's hand-off), as requests that
     * arrive from other threads do; batch, queue capacity and idle strategy tune this mode only. Costs
     * one more busy thread.
     */
    QUEUED,
    /**
     * Self-paced, for ops that wait on I/O: each worker thread is an event loop keeping many ops in flight (for HTTP,
     * its share of the connections), as wrk's threads do. Used whatever the settings say for such workloads; never
     * chosen by a profile.
     */
    EVENT_LOOP
}
