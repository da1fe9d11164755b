package io.nexus.engine.workload;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The workloads the engine knows, by name. Thread-safe: the set is fixed when the class loads. */
public final class Workloads {
    private static final Map<String, Workload> BY_NAME = new LinkedHashMap<>();

    static {
        for (Workload w : List.of(new XorWorkload(), new MatrixWorkload(), new Sha256Workload(), new HttpWorkload())) {
            BY_NAME.put(w.name(), w);
        }
    }

    private Workloads() {
    }

    /** @return every workload, in a stable order */
    public static List<Workload> all() {
        return List.copyOf(BY_NAME.values());
    }

    /** @return the workloads whose ops run in this process on their own data, without a target: every one but http */
    public static List<Workload> kernels() {
        return BY_NAME.values().stream().filter(w -> !(w instanceof HttpWorkload)).toList();
    }

    /** @return the names of every workload */
    public static List<String> names() {
        return List.copyOf(BY_NAME.keySet());
    }

    /** @return the workload called {@code name}, if any */
    public static Optional<Workload> byName(String name) {
        return Optional.ofNullable(BY_NAME.get(name));
    }
}
