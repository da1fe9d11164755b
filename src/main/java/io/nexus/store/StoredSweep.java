package io.nexus.store;

import java.time.Instant;
import java.util.List;

/**
 * A thread sweep as the store keeps it: its points are stored runs, listed in thread order. Immutable.
 *
 * @param id        the sweep's id (a UUID)
 * @param startedAt when its first point started
 * @param workload  the workload swept
 * @param points    its points, fewest threads first
 * @param model     the scalability model fitted to it, or why there is none, in words
 */
public record StoredSweep(String id, Instant startedAt, String workload, List<Point> points, String model) {
    /**
     * One thread count of a sweep.
     *
     * @param threads the thread count
     * @param runId   the stored run measured at it
     */
    public record Point(int threads, String runId) {
    }

    public StoredSweep {
        points = List.copyOf(points);
    }
}
