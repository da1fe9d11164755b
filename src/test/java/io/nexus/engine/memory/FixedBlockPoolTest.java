package io.nexus.engine.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FixedBlockPoolTest {
    @Test
    void handsOutEveryBlockOnceThenRefusesAndTakesThemBack() {
        try (FixedBlockPool pool = new FixedBlockPool(100, 8)) {
            Set<Long> addresses = new HashSet<>();
            MemorySegment[] blocks = new MemorySegment[8];
            for (int i = 0; i < 8; i++) {
                blocks[i] = pool.allocate();
                assertNotNull(blocks[i]);
                assertEquals(100, blocks[i].byteSize());
                assertEquals(0, blocks[i].address() % FixedBlockPool.ALIGNMENT, "cache-line aligned");
                assertTrue(addresses.add(blocks[i].address()), "each block handed out once");
            }
            assertNull(pool.allocate(), "an exhausted pool says so instead of growing");
            assertEquals(0, pool.available());
            pool.release(blocks[3]);
            assertEquals(blocks[3].address(), pool.allocate().address(), "released block is reused first");
            for (MemorySegment b : blocks) {
                pool.release(b);
            }
            assertEquals(8, pool.available());
        }
    }

    @Test
    void blocksArePreZeroedAndDoNotOverlap() {
        try (FixedBlockPool pool = new FixedBlockPool(64, 4)) {
            MemorySegment a = pool.allocate();
            MemorySegment b = pool.allocate();
            for (long i = 0; i < 64; i++) {
                assertEquals(0, a.get(ValueLayout.JAVA_BYTE, i));
            }
            a.fill((byte) 0x7f);
            for (long i = 0; i < 64; i++) {
                assertEquals(0, b.get(ValueLayout.JAVA_BYTE, i), "writing one block leaves its neighbour alone");
            }
        }
    }

    @Test
    void rejectsForeignBlocksDoubleReleaseAndBadSizes() {
        try (FixedBlockPool pool = new FixedBlockPool(64, 2); FixedBlockPool other = new FixedBlockPool(64, 2)) {
            MemorySegment foreign = other.allocate();
            assertThrows(IllegalArgumentException.class, () -> pool.release(foreign));
            MemorySegment mine = pool.allocate();
            pool.release(mine);
            assertThrows(IllegalArgumentException.class, () -> pool.release(mine));
        }
        assertThrows(IllegalArgumentException.class, () -> new FixedBlockPool(0, 1));
        assertThrows(IllegalArgumentException.class, () -> new FixedBlockPool(64, 0));
    }
}
