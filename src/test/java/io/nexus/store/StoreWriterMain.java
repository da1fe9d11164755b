package io.nexus.store;

import java.nio.file.Path;
import java.time.Duration;

/**
 * A process that saves one real run over and over (with fresh ids) into the H2 store under args[0],
 * printing each id once its transaction has committed: {@link CrashSafetyTest} kills it mid-write.
 */
public final class StoreWriterMain {
    private StoreWriterMain() {
    }

    public static void main(String[] args) throws Exception {
        StoredRun template = StoredRun.of(StoreFixtures.run("xor", 1, Duration.ofMillis(200)));
        try (ResultStore store = ResultStore.open(StoreLocation.h2File(Path.of(args[0])))) {
            for (int i = 0; ; i++) {
                String id = java.util.UUID.randomUUID().toString();
                StoredRun t = template;
                store.save(new StoredRun(id, t.startedAt(), t.host(), t.workload(), t.mode(), t.threads(), t.size(), t.batch(), t.window(),
                        t.profile(), t.status(), t.failure(), t.measuredNanos(), t.ops(), t.errors(), t.opsPerSecond(), t.response(),
                        t.service(), t.resultJson(), t.samples(), t.responseHistogram(), t.serviceHistogram()));
                System.out.println(id);
                System.out.flush();
            }
        }
    }
}
