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
        /** Spin, then yield, then park with an exponentially growing pause up to 100 µs. */
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
                case BACKOFF -> new BackoffIdleStrategy(100, 20, 1_000, 100_000);
            };
        }
    }
}
