package io.nexus.engine.memory;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.Objects;

/**
 * A pool of equal-sized memory blocks carved out of one off-heap region that is allocated, and so
 * first-touched, up front by the thread that constructs the pool. On Linux' default first-touch NUMA
 * policy the pages then live on the node of that thread: construct a worker's pool on the worker.
 *
 * <p>{@link #allocate()} and {@link #release(MemorySegment)} are O(1) and allocation-free: a stack of
 * free block indices over pre-built segment views. Blocks are aligned to {@link #ALIGNMENT} bytes (a
 * cache line) and zeroed when the pool is created, not when reused.
 *
 * <p><b>Thread-safety:</b> none. A pool belongs to one thread (a worker owns its pool); share blocks,
 * not the pool. {@link #close()} frees the memory; any block used after it faults.
 */
public final class FixedBlockPool implements AutoCloseable {
    /** Alignment of every block, in bytes. */
    public static final long ALIGNMENT = 64;

    private final Arena arena;
    private final long blockBytes;
    private final MemorySegment[] blocks;
    private final int[] freeStack;
    private int freeCount;

    /**
     * Allocates and zeroes {@code blockCount} blocks of {@code blockBytes} each.
     *
     * @param blockBytes size of one block in bytes, at least 1
     * @param blockCount number of blocks, at least 1
     * @throws IllegalArgumentException if a size is out of range or the region would exceed 2^62 bytes
     */
    public FixedBlockPool(long blockBytes, int blockCount) {
        if (blockBytes < 1) {
            throw new IllegalArgumentException("blockBytes must be at least 1, got " + blockBytes);
        }
        if (blockCount < 1) {
            throw new IllegalArgumentException("blockCount must be at least 1, got " + blockCount);
        }
        long stride = alignUp(blockBytes);
        long total = Math.multiplyExact(stride, (long) blockCount);
        this.arena = Arena.ofShared();
        MemorySegment region = arena.allocate(total, ALIGNMENT); // zeroed by this thread: first touch
        this.blockBytes = blockBytes;
        this.blocks = new MemorySegment[blockCount];
        this.freeStack = new int[blockCount];
        for (int i = 0; i < blockCount; i++) {
            blocks[i] = region.asSlice(i * stride, blockBytes);
            freeStack[i] = blockCount - 1 - i;
        }
        this.freeCount = blockCount;
    }

    /** @return {@code bytes} rounded up to a whole number of {@link #ALIGNMENT}s: the room one block takes in the pool */
    public static long alignUp(long bytes) {
        return (bytes + ALIGNMENT - 1) & -ALIGNMENT;
    }

    /** @return a free block, or {@code null} when all blocks are in use (the caller applies back-pressure) */
    public MemorySegment allocate() {
        return freeCount == 0 ? null : blocks[freeStack[--freeCount]];
    }

    /**
     * Returns a block to the pool.
     *
     * @throws IllegalArgumentException if the block is not one of this pool's, or the pool is already full
     */
    public void release(MemorySegment block) {
        Objects.requireNonNull(block, "block");
        int index = indexOf(block);
        if (freeCount == blocks.length) {
            throw new IllegalArgumentException("double release: every block is already free");
        }
        freeStack[freeCount++] = index;
    }

    private int indexOf(MemorySegment block) {
        if (blocks.length > 0) {
            long offset = block.address() - blocks[0].address();
            long stride = blocks.length > 1 ? blocks[1].address() - blocks[0].address() : 0;
            int index = stride == 0 ? 0 : (int) (offset / stride);
            if (offset >= 0 && index < blocks.length && blocks[index].address() == block.address()
                    && block.byteSize() == blockBytes) {
                return index;
            }
        }
        throw new IllegalArgumentException("block at 0x" + Long.toHexString(block.address()) + " is not from this pool");
    }

    /** @return size of one block in bytes */
    public long blockBytes() {
        return blockBytes;
    }

    /** @return total number of blocks */
    public int capacity() {
        return blocks.length;
    }

    /** @return number of blocks free right now */
    public int available() {
        return freeCount;
    }

    @Override
    public void close() {
        arena.close();
    }
}
