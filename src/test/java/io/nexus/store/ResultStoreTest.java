package io.nexus.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nexus.bench.Finding;
import io.nexus.bench.RunProfile;
import io.nexus.bench.RunResult;
import io.nexus.profile.ProfileKey;
import java.util.Map;
import java.util.Optional;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** One suite of the store, run against a real embedded H2 file and a real PostgreSQL server on loopback. */
class ResultStoreTest {
    private static PostgresServer postgres;
    private static Path h2Dir;
    private static ResultStore h2;
    private static ResultStore pg;

    @BeforeAll
    static void open() throws Exception {
        postgres = PostgresServer.start();
        h2Dir = Files.createTempDirectory("nexus-h2-");
        h2 = ResultStore.open(StoreLocation.h2File(h2Dir));
        pg = ResultStore.open(postgres.location());
    }

    @AfterAll
    static void close() throws Exception {
        h2.close();
        pg.close();
        postgres.close();
    }

    static Stream<Arguments> stores() {
        return Stream.of(Arguments.of("h2", h2), Arguments.of("postgresql", pg));
    }

    @ParameterizedTest(name = "{0}", autoCloseArguments = false)
    @MethodSource("stores")
    void aRunComesBackWithItsSamplesAndExactPercentiles(String name, ResultStore store) throws Exception {
        RunResult result = StoreFixtures.run("xor", 1, Duration.ofMillis(500));
        store.save(StoredRun.of(result));
        StoredRun back = store.load(result.id().substring(0, 8)).orElseThrow();
        assertEquals(result.id(), back.id(), "found by a prefix of its id");
        assertEquals(result.ops(), back.ops());
        assertEquals(result.opsPerSecond(), back.opsPerSecond(), 1e-6);
        assertEquals(result.samples(), back.samples(), "every sample, every figure");
        Histogram h = back.responseHistogramDecoded();
        assertEquals(result.responseHistogram().getTotalCount(), h.getTotalCount());
        for (double p : new double[] {50, 90, 99, 99.9, 99.99, 100}) {
            assertEquals(result.responseHistogram().getValueAtPercentile(p), h.getValueAtPercentile(p), "p" + p);
        }
        assertEquals(result.response(), back.response());
        assertTrue(back.resultJson().contains("\"environment\""));
        store.save(StoredRun.of(result));
        assertEquals(1, store.list(null, 1000).stream().filter(r -> r.id().equals(result.id())).count(), "saving twice keeps one");
        StoredRun twin = withId(StoredRun.of(result), result.id().substring(0, 8) + "-0000-0000-0000-000000000000");
        store.save(twin);
        IllegalArgumentException ambiguous = assertThrows(IllegalArgumentException.class, () -> store.load(result.id().substring(0, 8)));
        assertTrue(ambiguous.getMessage().contains("matches more than one run"), ambiguous.getMessage());
        IllegalArgumentException wildcard = assertThrows(IllegalArgumentException.class, () -> store.load(result.id().substring(0, 3) + "_"));
        assertTrue(wildcard.getMessage().contains("hex digits"), "'_' is not a wildcard: " + wildcard.getMessage());
        store.delete(twin.id());
    }

    @ParameterizedTest(name = "{0}", autoCloseArguments = false)
    @MethodSource("stores")
    void aRunComesBackWithItsProfileFindingsAndWholeResult(String name, ResultStore store) throws Exception {
        RunResult result = StoreFixtures.run("sha256", 1, Duration.ofMillis(300));
        RunProfile profile = new RunProfile(Path.of("/data/jfr/x.jfr"), 3, List.of(new RunProfile.Share("a.B.c", 2, 2 / 3.0)), List.of(),
                Map.of("java.lang.Thread.run;a.B.c", 2L, "java.lang.Thread.run;a.B.d", 1L), 5, List.of(), 0.5, 1_000_000,
                List.of(), 1, Duration.ofMillis(3), Duration.ofMillis(2), List.of());
        Finding first = new Finding("threads-over-cores", Finding.Severity.WARNING, "t", "e", "a",
                Map.of(ProfileKey.THREADS_COUNT, "2"));
        Finding second = new Finding("short-warm-up", Finding.Severity.NOTE, "t2", "e2", "a2", Map.of());
        store.save(StoredRun.of(result, Optional.of(profile), List.of(first, second)));
        StoredRun back = store.load(result.id()).orElseThrow();
        assertEquals(profile, back.runProfile(), "the profile with its folded stacks");
        assertEquals(List.of(first, second), back.findings(), "the findings in order");
        store.replaceFindings(result.id(), List.of(second));
        assertEquals(List.of(second), store.load(result.id()).orElseThrow().findings(), "advised again: the new findings only");

        RunResult rebuilt = ResultJson.toResult(back);
        assertEquals(result.spec(), rebuilt.spec(), "the spec with its profile");
        assertEquals(result.method(), rebuilt.method(), "how it was measured");
        assertEquals(result.environment(), rebuilt.environment());
        assertEquals(result.samples(), rebuilt.samples());
        assertEquals(result.rate(), rebuilt.rate());
        assertEquals(result.notes(), rebuilt.notes());
        assertEquals(result.response(), rebuilt.response());
    }

    private static StoredRun withId(StoredRun r, String id) {
        return new StoredRun(id, r.startedAt(), r.host(), r.workload(), r.mode(), r.threads(), r.size(), r.batch(), r.window(), r.profile(),
                r.status(), r.failure(), r.measuredNanos(), r.ops(), r.errors(), r.opsPerSecond(), r.response(), r.service(), r.resultJson(),
                r.samples(), r.responseHistogram(), r.serviceHistogram());
    }

    @ParameterizedTest(name = "{0}", autoCloseArguments = false)
    @MethodSource("stores")
    void historyListsNewestFirstFiltersAndDeletes(String name, ResultStore store) throws Exception {
        RunResult sha = StoreFixtures.run("sha256", 1, Duration.ofMillis(300));
        RunResult matrix = StoreFixtures.run("matrix", 1, Duration.ofMillis(300));
        store.save(StoredRun.of(sha));
        store.save(StoredRun.of(matrix));
        List<RunSummary> all = store.list(null, 1000);
        assertTrue(all.indexOf(summaryOf(all, matrix.id())) < all.indexOf(summaryOf(all, sha.id())), "newest first");
        List<RunSummary> onlySha = store.list("sha256", 1000);
        assertTrue(onlySha.stream().allMatch(r -> r.workload().equals("sha256")) && onlySha.stream().anyMatch(r -> r.id().equals(sha.id())));
        RunSummary row = summaryOf(all, sha.id());
        assertEquals(sha.response().p99(), row.p99Nanos());
        assertTrue(store.delete(sha.id()));
        assertTrue(store.load(sha.id()).isEmpty());
        assertFalse(store.delete(sha.id()));
    }

    @ParameterizedTest(name = "{0}", autoCloseArguments = false)
    @MethodSource("stores")
    void aWriteThatFailsLeavesNothingBehind(String name, ResultStore store) throws Exception {
        StoredRun good = StoredRun.of(StoreFixtures.run("xor", 1, Duration.ofMillis(200)));
        StoredRun bad = new StoredRun(good.id(), good.startedAt(), good.host(), "w".repeat(100), good.mode(), good.threads(), good.size(),
                good.batch(), good.window(), good.profile(), good.status(), good.failure(), good.measuredNanos(), good.ops(), good.errors(),
                good.opsPerSecond(), good.response(), good.service(), good.resultJson(), good.samples(), good.responseHistogram(),
                good.serviceHistogram());
        StoreException e = assertThrows(StoreException.class, () -> store.save(bad));
        assertTrue(e.getMessage().startsWith("cannot save run " + good.id()), e.getMessage());
        assertTrue(store.load(good.id()).isEmpty(), "no half-written run");
        store.save(good);
        assertEquals(good.samples(), store.load(good.id()).orElseThrow().samples());
    }

    private static RunSummary summaryOf(List<RunSummary> rows, String id) {
        return rows.stream().filter(r -> r.id().equals(id)).findFirst().orElseThrow();
    }
}
