package io.nexus.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nexus.engine.measure.TimingMode;
import io.nexus.engine.topology.Topology;
import io.nexus.engine.workload.Workload;
import io.nexus.engine.workload.Workloads;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The workers (and the queued mode's dispatcher) allocate nothing once running: checked with the JVM's per-thread allocation counter. */
class HotPathAllocationTest {
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    @ParameterizedTest(name = "{0} size {1}, {2}")
    @CsvSource({"xor, 64, SELF_PACED", "sha256, 64, SELF_PACED", "matrix, 32, SELF_PACED", "xor, 64, QUEUED", "sha256, 64, QUEUED"})
    void steadyStateAllocatesNothing(String name, int size, EngineMode mode) throws InterruptedException {
        assertTrue(THREADS.isThreadAllocatedMemorySupported());
        Workload workload = Workloads.byName(name).orElseThrow();
        Map<String, Long> before = new ConcurrentHashMap<>();
        Map<String, Long> after = new ConcurrentHashMap<>();
        AtomicInteger samples = new AtomicInteger();
        LoadPlan plan = new LoadPlan(workload, size, Duration.ofMillis(500), Duration.ofMillis(1500), 0, 0, Duration.ofMillis(100), 1);
        EngineSettings settings = EngineSettings.defaults(2).with(mode, TimingMode.AUTO, EngineSettings.AUTO_WINDOW);
        RunOutcome o = new NexusEngine(Topology.detect()).start(settings, plan, s -> {
            int n = samples.incrementAndGet();
            if (n == 3) {
                before.putAll(allocatedByEngineThreads());
            } else if (n == 13) {
                after.putAll(allocatedByEngineThreads());
            }
        }).await();
        assertTrue(o.failure().isEmpty());
        List<String> threads = mode == EngineMode.QUEUED ? List.of("nexus-dispatcher", "nexus-worker-0", "nexus-worker-1")
                : List.of("nexus-worker-0", "nexus-worker-1");
        assertEquals(threads, before.keySet().stream().sorted().toList());
        for (String thread : before.keySet()) {
            long allocated = after.get(thread) - before.get(thread);
            assertTrue(allocated < 1024, thread + " allocated " + allocated + " bytes over 1 s of " + o.ops() + " ops");
        }
        assertTrue(o.ops() > 1000);
    }

    private static Map<String, Long> allocatedByEngineThreads() {
        Map<String, Long> bytes = new ConcurrentHashMap<>();
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getName().startsWith("nexus-worker-") || t.getName().equals("nexus-dispatcher")) {
                bytes.put(t.getName(), THREADS.getThreadAllocatedBytes(t.threadId()));
            }
        }
        return bytes;
    }
}
