package io.nexus.engine;

import java.util.concurrent.locks.LockSupport;

/**
 * Spins, then yields, then parks for a pause that doubles from a minimum to a maximum, resetting as
 * soon as a pass finds work. One instance per thread (not thread-safe).
 */
public final class BackoffIdleStrategy implements IdleStrategy {
    private final int maxSpins;
    private final int maxYields;
    private final long minParkNanos;
    private final long maxParkNanos;
    private int spins;
    private int yields;
    private long parkNanos;

    /**
     * @param maxSpins     passes spent spinning before yielding, at least 0
     * @param maxYields    passes spent yielding before parking, at least 0
     * @param minParkNanos first pause, ns, at least 1
     * @param maxParkNanos longest pause, ns, at least {@code minParkNanos}
     */
    public BackoffIdleStrategy(int maxSpins, int maxYields, long minParkNanos, long maxParkNanos) {
        if (maxSpins < 0 || maxYields < 0 || minParkNanos < 1 || maxParkNanos < minParkNanos) {
            throw new IllegalArgumentException("bad back-off: spins " + maxSpins + ", yields " + maxYields
                    + ", park " + minParkNanos + ".." + maxParkNanos + " ns");
        }
        this.maxSpins = maxSpins;
        this.maxYields = maxYields;
        this.minParkNanos = minParkNanos;
        this.maxParkNanos = maxParkNanos;
        this.parkNanos = minParkNanos;
    }

    @Override
    public void idle(int workCount) {
        if (workCount > 0) {
            spins = 0;
            yields = 0;
            parkNanos = minParkNanos;
        } else if (spins < maxSpins) {
            spins++;
            Thread.onSpinWait();
        } else if (yields < maxYields) {
            yields++;
            Thread.yield();
        } else {
            LockSupport.parkNanos(parkNanos);
            parkNanos = Math.min(parkNanos << 1, maxParkNanos);
        }
    }
}
