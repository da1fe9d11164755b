package io.nexus.engine.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class ThreadAffinityTest {
    @Test
    void pinsAThreadAndReadsTheSetBack() throws InterruptedException {
        assumeTrue(ThreadAffinity.unavailableReason().isEmpty(), "pinning is available on Linux with native access");
        int cpu = Topology.detect().onlineCpus().getLast();
        AtomicReference<ThreadAffinity.PinResult> result = new AtomicReference<>();
        AtomicReference<List<Integer>> readBack = new AtomicReference<>();
        Thread t = Thread.ofPlatform().start(() -> {
            result.set(ThreadAffinity.pinCurrentThread(List.of(cpu)));
            readBack.set(ThreadAffinity.currentThreadAffinity().orElseThrow());
        });
        t.join();
        assertTrue(result.get().isPinned(), () -> result.get().reason().orElse(""));
        assertEquals(List.of(cpu), result.get().cpus());
        assertEquals(List.of(cpu), readBack.get(), "the kernel reports the pinned set for that thread");
        assertTrue(ThreadAffinity.currentThreadAffinity().orElseThrow().size() >= 1, "other threads are left alone");
    }

    @Test
    void aCpuThatDoesNotExistLeavesTheThreadUnpinnedAndSaysWhy() throws InterruptedException {
        AtomicReference<ThreadAffinity.PinResult> result = new AtomicReference<>();
        Thread t = Thread.ofPlatform().start(() -> result.set(ThreadAffinity.pinCurrentThread(List.of(5000))));
        t.join();
        assertFalse(result.get().isPinned());
        assertTrue(result.get().reason().orElseThrow().contains("5000"), result.get().reason()::orElseThrow);
    }
}
