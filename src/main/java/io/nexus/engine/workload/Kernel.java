package io.nexus.engine.workload;

/**
 * One worker's instance of a workload: its buffers and state, made on the worker's own thread.
 *
 * <p><b>Contract:</b> {@link #execute()} performs exactly one op, must not allocate, and is called by one
 * thread only. It may throw to report a failed op; the worker counts the error and goes on.
 */
public interface Kernel extends AutoCloseable {
    /** Performs one op. */
    void execute() throws Exception;

    /** Releases the kernel's buffers. The default does nothing. */
    @Override
    default void close() {
    }
}
