package io.nexus.engine;

/**
 * A run of ops handed to a worker in one queue entry: {@code count} ops, the i-th of which should have
 * started at {@code firstIntendedStartNanos + i * intervalNanos}. Handing ops over in runs is what makes
 * the hand-off cheap: one queue slot and one cache line cross cores per run, not per op.
 *
 * <p>A recycled slot of the dispatcher's per-worker ring: written by the dispatcher before it is offered
 * to a worker's queue and read by that worker after polling it; the queue's release/acquire makes the
 * writes visible, and the window guarantees the dispatcher reuses a slot only after the worker is done
 * with it.
 */
final class Op {
    /** When the first op should have started, {@link System#nanoTime()} scale: latency is measured from here. */
    long firstIntendedStartNanos;
    /** Spacing of intended starts: 0 in a closed loop, 1e9 / rate at a constant rate. */
    double intervalNanos;
    /** Ops in this run, at least 1. */
    int count;
}
