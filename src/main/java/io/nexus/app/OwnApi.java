package io.nexus.app;

import io.nexus.api.NexusApi;
import io.nexus.bench.InProcessTarget;
import io.nexus.profile.TuningProfile;

import java.io.IOException;
import java.net.URI;

/**
 * The target of an http run without a URL: the engine's own API, started in this process for the run on a free loopback
 * port, with the run's profile but without rate limits (a load generator is one client, which the guide's 1000/minute
 * would turn into a measurement of 429s). POSTs go to {@code /compute/xor}, GETs (size 0) to the cached
 * {@code /metrics}. Thread-safe.
 */
final class OwnApi implements InProcessTarget {
    private final int cpus;

    OwnApi(int cpus) {
        this.cpus = cpus;
    }

    @Override
    public Running start(TuningProfile profile, int size) throws IOException {
        NexusApi api = NexusApi.start(profile.withApi(profile.api().forLoadFromThisProcess()), cpus);
        URI uri = api.uri(size == 0 ? "/metrics" : "/compute/xor");
        return new Running() {
            @Override
            public URI uri() {
                return uri;
            }

            @Override
            public String description() {
                return "the engine's own API in this process, " + api.threads() + " engine workers, rate limits off";
            }

            @Override
            public void close() {
                api.close();
            }
        };
    }
}
