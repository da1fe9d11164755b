package io.nexus.app;

import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Where long work (runs, sweeps, file and database I/O) goes so that no caller blocks on it. The app
 * makes one with named, bounded daemon threads and closes it on exit; tests use {@link #sameThread()}
 * so that work runs on the calling thread, in order. Implementations are thread-safe.
 */
public interface BackgroundExecutor extends Executor, AutoCloseable {
    /** Stops taking work and interrupts what is running. */
    @Override
    void close();

    /**
     * @param name    prefix of the threads' names
     * @param threads most threads at once, at least 1; more work waits in an unbounded FIFO
     * @return an executor on its own threads
     */
    static BackgroundExecutor threads(String name, int threads) {
        AtomicInteger count = new AtomicInteger();
        ExecutorService pool = new ThreadPoolExecutor(threads, threads, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
                r -> Thread.ofPlatform().name(name + "-" + count.incrementAndGet()).daemon(true).unstarted(r));
        return new BackgroundExecutor() {
            @Override
            public void execute(Runnable command) {
                pool.execute(command);
            }

            @Override
            public void close() {
                pool.shutdownNow();
            }
        };
    }

    /** @return an executor that runs each task on the calling thread, at once */
    static BackgroundExecutor sameThread() {
        return new BackgroundExecutor() {
            @Override
            public void execute(Runnable command) {
                command.run();
            }

            @Override
            public void close() {
            }
        };
    }
}
