package io.nexus.engine.workload;

/**
 * A kernel whose ops wait on I/O, run as an event loop on its worker's thread: up to {@link #lanes()} ops in flight at
 * once (for HTTP, one per keep-alive connection), begun by {@link #begin(int)} and reported as they end by
 * {@link #await(long, Ended)}. This is how wrk keeps many connections busy from one thread, where a blocking kernel
 * would need a thread per connection.
 *
 * <p><b>Contract:</b> confined to one thread. A lane carries at most one op at a time: {@link #begin(int)} only on an
 * idle lane, and the lane is idle again once {@link #await(long, Ended)} has reported its op. {@link #execute()} runs
 * one op on lane 0 from begin to end, so the engine's probes and one-op callers work unchanged.
 */
public interface EventKernel extends Kernel {
    /** Receives the ops that ended during one {@link #await(long, Ended)}. */
    @FunctionalInterface
    interface Ended {
        /**
         * @param lane the lane whose op ended; idle from now on
         * @param ok   whether the op got its answer ({@code false}: it failed, e.g. the connection closed or timed out)
         */
        void ended(int lane, boolean ok);
    }

    /** @return how many ops can be in flight at once, at least 1; lanes are numbered from 0 */
    int lanes();

    /**
     * Begins an op on an idle lane and returns without waiting for it.
     *
     * @throws Exception if the op could not be begun (it failed at once; the lane stays idle)
     */
    void begin(int lane) throws Exception;

    /**
     * Waits for ops to end, at most about {@code timeoutNanos} (0 or less: only collects what has already happened; a
     * kernel may round a wait below a millisecond down to none), and reports each ended op to {@code ended}, on the
     * calling thread. Ops that overran their kernel's timeout are reported as failed here.
     */
    void await(long timeoutNanos, Ended ended);

    /** Runs one op on lane 0 and waits for its end; only while no other op is in flight (their ends would be lost). */
    @Override
    default void execute() throws Exception {
        begin(0);
        boolean[] result = new boolean[2]; // [ended, ok]
        while (!result[0]) {
            await(1_000_000, (lane, ok) -> {
                if (lane == 0) {
                    result[0] = true;
                    result[1] = ok;
                }
            });
        }
        if (!result[1]) {
            throw new Exception("the op failed");
        }
    }
}
