package io.nexus.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nexus.engine.memory.FixedBlockPool;
import io.nexus.engine.workload.Workload;
import io.nexus.engine.workload.Workloads;
import org.junit.jupiter.api.Test;

/** The pool a worker makes, and the memory a run is checked against: the same figures. */
class WorkerMemoryTest {
    private static final Workload XOR = Workloads.byName("xor").orElseThrow();

    @Test
    void aKernelWhoseBlocksFitTheProfilesGetsTheProfilesPool() {
        EngineSettings settings = EngineSettings.defaults(1);
        try (FixedBlockPool pool = WorkerMemory.newPool(settings, XOR, 64)) {
            assertEquals(settings.blockBytes(), pool.blockBytes());
            assertEquals(settings.blocksPerWorker(), pool.available());
            assertEquals(pool.blockBytes() * pool.available(), WorkerMemory.of(settings, XOR, 64).offHeapPerWorker());
        }
    }

    @Test
    void aKernelWithLargerBlocksGetsOnlyTheBlocksItNeeds() {
        EngineSettings settings = EngineSettings.defaults(1);
        int size = 1 << 20;
        assertTrue(XOR.blockBytes(size) > settings.blockBytes());
        try (FixedBlockPool pool = WorkerMemory.newPool(settings, XOR, size)) {
            assertEquals(XOR.blockBytes(size), pool.blockBytes());
            assertEquals(XOR.blocksNeeded(size), pool.available());
        }
        assertEquals(XOR.blockBytes(size) * XOR.blocksNeeded(size), WorkerMemory.of(settings, XOR, size).offHeapPerWorker());
    }
}
