package io.nexus.bench;

import io.nexus.profile.FieldError;
import java.util.List;
import java.util.OptionalInt;

/** What a sweep varies from point to point. Immutable. */
public enum SweepAxis {
    /** The run's workers (for http: the load generator's connections). */
    WORKERS("threads") {
        @Override
        public RunSpec at(RunSpec base, int n) {
            return base.withThreads(n);
        }

        @Override
        List<FieldError> refuse(RunSpec base) {
            return List.of();
        }
    },
    /** The engine workers of the API an http run starts in this process (the profile's {@code threads.count}); the connections stay. */
    SERVER_THREADS("server threads") {
        @Override
        public RunSpec at(RunSpec base, int n) {
            return base.withProfile(base.profile().withThreads(OptionalInt.of(n)));
        }

        @Override
        List<FieldError> refuse(RunSpec base) {
            return base.workload().equals("http") && base.url().isEmpty() ? List.of()
                    : List.of(new FieldError("--vary", "server threads are the engine's own API's: only for --workload http without --url"));
        }
    };

    private final String label;

    SweepAxis(String label) {
        this.label = label;
    }

    /** @return what the points' counts are, in words ({@code threads}, {@code server threads}) */
    public String label() {
        return label;
    }

    /** @return the spec of the point at {@code n} */
    public abstract RunSpec at(RunSpec base, int n);

    /** @return why {@code base} cannot be swept along this axis; empty if it can */
    abstract List<FieldError> refuse(RunSpec base);
}
