package io.nexus.bench;

import io.nexus.profile.TuningProfile;

import java.io.IOException;
import java.net.URI;

/**
 * Starts the server an http run loads when its spec names no URL (the engine's own API, in this process), and stops it
 * after the run. Implementations are thread-safe.
 */
@FunctionalInterface
public interface InProcessTarget {
    /** A started server: where the run sends its requests, and how to stop it. */
    interface Running extends AutoCloseable {
        /** @return the URL requests go to */
        URI uri();

        /** @return what the result says about the target, e.g. that its rate limits were off */
        String description();

        /** Stops the server. */
        @Override
        void close();
    }

    /**
     * @param profile the run's profile (the server's {@code [api]} section, threads and idle strategy)
     * @param size    the run's request body size: its endpoint takes a POST of that many bytes, or a GET when 0
     * @throws IOException when the server cannot listen
     */
    Running start(TuningProfile profile, int size) throws IOException;
}
