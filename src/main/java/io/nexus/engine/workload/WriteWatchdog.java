package io.nexus.engine.workload;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Ends writes that a server has stopped reading: a blocking socket write has no timeout, so a kernel whose write has
 * waited past {@link HttpKernel#TIMEOUT_MILLIS} has its socket closed from here, which fails the write (the op counts as
 * a timeout) instead of holding its worker forever. One daemon thread for the process, started with the first kernel
 * watched, looking twice a second. Thread-safe.
 */
final class WriteWatchdog {
    static final WriteWatchdog INSTANCE = new WriteWatchdog();
    private static final long LOOK_EVERY_MILLIS = 500;

    private final Set<HttpKernel> watched = ConcurrentHashMap.newKeySet();
    private Thread thread;

    private WriteWatchdog() {
    }

    /** Watches {@code kernel} until {@link #forget}. */
    synchronized void watch(HttpKernel kernel) {
        watched.add(kernel);
        if (thread == null) {
            thread = Thread.ofPlatform().daemon().name("nexus-http-write-watchdog").start(this::look);
        }
    }

    void forget(HttpKernel kernel) {
        watched.remove(kernel);
    }

    private void look() {
        while (true) {
            long now = System.nanoTime();
            watched.forEach(kernel -> kernel.closeIfWriteStalled(now));
            try {
                Thread.sleep(LOOK_EVERY_MILLIS);
            } catch (InterruptedException e) {
                return; // only at the JVM's end: the thread is a daemon nobody interrupts
            }
        }
    }
}
