package io.nexus.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nexus.engine.measure.Sample;
import io.nexus.engine.memory.FixedBlockPool;
import io.nexus.engine.topology.Topology;
import io.nexus.engine.workload.EventKernel;
import io.nexus.engine.workload.Kernel;
import io.nexus.engine.workload.Workload;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The event-loop worker over a scripted I/O kernel: every op ends a fixed time after it began, lanes in flight together. */
class EventLoopWorkerTest {
    private static final NexusEngine ENGINE = new NexusEngine(Topology.detect());

    /** Ops that end {@code opNanos} after they began, any number in flight at once (as a server's answers). */
    private record TimedIo(long opNanos) implements Workload {
        @Override
        public String name() {
            return "timed-io";
        }

        @Override
        public String description() {
            return "an op that ends a fixed time after it began";
        }

        @Override
        public String sizeUnit() {
            return "none";
        }

        @Override
        public int minSize() {
            return 0;
        }

        @Override
        public int maxSize() {
            return 0;
        }

        @Override
        public int defaultSize() {
            return 0;
        }

        @Override
        public boolean waitsOnIo() {
            return true;
        }

        @Override
        public Kernel newKernel(int size, FixedBlockPool memory, long seed) {
            return newEventKernel(size, 1, seed);
        }

        @Override
        public EventKernel newEventKernel(int size, int lanes, long seed) {
            long[] endsAt = new long[lanes];
            Arrays.fill(endsAt, Long.MAX_VALUE);
            return new EventKernel() {
                @Override
                public int lanes() {
                    return lanes;
                }

                @Override
                public void begin(int lane) {
                    endsAt[lane] = System.nanoTime() + opNanos;
                }

                @Override
                public void await(long timeoutNanos, Ended ended) {
                    long until = System.nanoTime() + Math.max(0, timeoutNanos);
                    boolean any = false;
                    long now;
                    do {
                        now = System.nanoTime();
                        for (int lane = 0; lane < lanes; lane++) {
                            if (endsAt[lane] <= now) {
                                endsAt[lane] = Long.MAX_VALUE;
                                any = true;
                                ended.ended(lane, true);
                            }
                        }
                    } while (!any && now < until);
                }
            };
        }
    }

    private static RunOutcome run(TimedIo workload, int connections, Duration warmup, Duration duration, long opsPerConnection,
                                  double rate) throws InterruptedException {
        LoadPlan plan = new LoadPlan(workload, 0, warmup, duration, opsPerConnection, rate, Duration.ofMillis(100), 1);
        return ENGINE.start(EngineSettings.defaults(connections), plan, RunListener.NONE).await();
    }

    /**
     * A quota of ops per connection is run exactly, with every connection's ops in flight together, and ops still in
     * flight from warm-up when measurement starts are not counted. Planted by hand (warm-up ops left counted): red, 1,502
     * ops.
     */
    @Test
    void aClosedLoopRunsExactlyItsQuotaPerConnection() throws InterruptedException {
        TimedIo io = new TimedIo(200_000);
        RunOutcome o = run(io, 3, Duration.ofMillis(200), Duration.ZERO, 500, 0);
        assertTrue(o.failure().isEmpty(), () -> o.failure().orElse(""));
        assertEquals(EngineMode.EVENT_LOOP, o.method().mode());
        assertEquals(1_500, o.ops(), "3 connections x 500 ops");
        assertEquals(o.ops(), o.response().getTotalCount(), "every measured op recorded once");
        assertEquals(o.ops(), o.samples().stream().mapToLong(Sample::ops).sum());
        assertTrue(o.response().getValueAtPercentile(50) >= 200_000, "an op takes its 200 µs: " + o.response().getValueAtPercentile(50));
        assertTrue(o.measuredNanos() < 500 * 200_000L * 2, "the three connections' ops overlapped: " + o.measuredNanos() + " ns");
    }

    /**
     * A constant rate above what the lanes can carry: every due op is begun late and charged from its due time. Planted by
     * hand (ops stamped when begun): red, p90 1 ms.
     */
    @Test
    void aConstantRateBeyondTheLanesChargesTheBacklogFromEachDueTime() throws InterruptedException {
        TimedIo io = new TimedIo(1_000_000);
        RunOutcome o = run(io, 2, Duration.ZERO, Duration.ofMillis(500), 0, 4_000);
        assertTrue(o.failure().isEmpty(), () -> o.failure().orElse(""));
        // 2 lanes of 1 ms ops carry 2,000/s: half of the 2,000 due ops are still waiting at the deadline and are run after it
        assertEquals(2_000, o.ops() + o.unfinishedOps(), "every op due before the deadline is run or counted unfinished");
        assertTrue(o.response().getValueAtPercentile(90) >= 100_000_000L,
                "the backlog grows by 0.5 ms per ms: p90 " + o.response().getValueAtPercentile(90) + " ns");
    }
}
