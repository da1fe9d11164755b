package io.nexus.engine;

/**
 * What a thread does when its last pass found no work, in the manner of Agrona's duty cycle: call
 * {@link #idle(int)} after every pass with the amount of work done. Instances keep back-off state and
 * belong to one thread each; {@link Kind#newInstance()} makes one per thread.
 */
public interface IdleStrategy {
    /** @param workCount work done by the last pass; 0 lets the strategy back off, more resets it */
    void idle(int workCount);

    /** The strategies a profile can name. */
    enum Kind {
        /** Spin on {@link Thread#onSpinWait()}: lowest wake-up latency, burns a core. */
        SPIN,
        /** {@link Thread#yield()} between passes: gives the core to other runnable threads. */
        YIELD,
        /**
         * Spin briefly, then yield for up to 1000 passes (about a millisecond of idleness), then park with
         * a pause that doubles up to 100 µs. Parking early is what costs: a parked thread wakes later
         * than asked (timer slack), so it yields first (EngineBenchmark, xor 64 B, window 64: parking after 20
         * yields gave 3.8 M ops/s, yielding alone 13.6 M).
         */
        BACKOFF;

        /** @return a fresh instance for one thread */
        public IdleStrategy newInstance() {
            return switch (this) {
                case SPIN -> workCount -> {
                    if (workCount == 0) {
                        Thread.onSpinWait();
                    }
                };
                case YIELD -> workCount -> {
                    if (workCount == 0) {
                        Thread.yield();
                    }
                };
                case BACKOFF -> new BackoffIdleStrategy(100, 1_000, 1_000, 100_000);
            };
        }
    }
}
