package io.nexus.engine;

/**
 * One op in flight: a recycled slot of the dispatcher's per-worker ring. Written by the dispatcher
 * before it is offered to a worker's queue and read by that worker after polling it; the queue's
 * release/acquire makes the write visible.
 */
final class Op {
    /** When the op should have started, {@link System#nanoTime()} scale: its latency is measured from here. */
    long intendedStartNanos;
    /** Whether the op belongs to the measured period; warm-up ops run but are not recorded. */
    boolean measured;
}
