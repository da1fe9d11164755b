package io.nexus.store;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.nexus.profile.AtomicFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Keeps every run even while the store is down: a run the store cannot take is written to a spool
 * directory of its own store (one JSON file per run, written to a temporary file and moved into place),
 * and spooled runs are written to that store, and only that one, oldest first, as soon as it answers
 * again. Where the spool cannot be written either (a read-only data directory), the run goes to a spool
 * under the temporary directory, and the message says where. The store is opened lazily and reopened
 * after a failure.
 *
 * <p><b>Thread-safety:</b> thread-safe (methods are synchronized); blocking.
 */
public final class ResultArchive implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule());

    private final StoreLocation location;
    private final Path spool;
    private final Path fallbackSpool;
    private ResultStore store;

    /**
     * @param location the store
     * @param spool    where runs wait while their store is unreachable: each store has its own directory in it
     */
    public ResultArchive(StoreLocation location, Path spool) {
        this.location = location;
        this.spool = spool.resolve(location.spoolName());
        this.fallbackSpool = Path.of(System.getProperty("java.io.tmpdir"), "nexus-workbench-spool-" + System.getProperty("user.name"),
                location.spoolName());
    }

    /** What became of a run handed to {@link #save}. */
    public record Outcome(boolean stored, String message) {
    }

    /**
     * Stores {@code run}, or keeps it in the spool if the store cannot take it now; then writes any runs
     * that were waiting.
     *
     * @return whether the run is in the store, and a message for the operator
     * @throws IOException only if the run can be neither stored nor spooled (disk full): then it is lost
     */
    public synchronized Outcome save(StoredRun run) throws IOException {
        try {
            store().save(run);
            int flushed = flush();
            return new Outcome(true, "saved run " + run.id() + " to " + location.shortForm()
                    + (flushed > 0 ? " (and " + flushed + " run" + (flushed == 1 ? "" : "s") + " that waited in " + spool + ")" : ""));
        } catch (StoreException e) {
            dropStore();
            Path file;
            try {
                file = writeSpool(spool, run);
            } catch (IOException spoolNotWritable) {
                file = writeSpool(fallbackSpool, run);
                return new Outcome(false, e.getMessage() + "; the spool " + spool + " cannot be written either (" + spoolNotWritable.getMessage()
                        + "), so the run is kept in " + file + " and will be written to " + location.shortForm() + " when it takes it");
            }
            return new Outcome(false, e.getMessage() + "; the run is kept in " + file + " and will be written to " + location.shortForm()
                    + " when it is back");
        }
    }

    /**
     * Keeps a sweep: each point's run as {@link #save} keeps it, with the advisor's {@code findings} of it (by run id),
     * then the sweep with its points and {@code model} in one transaction. While the store is down the runs are spooled,
     * and the sweep is not kept (the message says so).
     *
     * @return whether the sweep is in the store, and a message for the operator
     * @throws IOException only if a run can be neither stored nor spooled
     */
    public synchronized Outcome saveSweep(java.util.List<io.nexus.bench.SweepPoint> points,
                                          java.util.Map<String, java.util.List<io.nexus.bench.Finding>> findings, String model) throws IOException {
        if (points.isEmpty()) {
            return new Outcome(false, "a sweep without points is not kept");
        }
        java.util.List<StoredSweep.Point> kept = new java.util.ArrayList<>();
        for (io.nexus.bench.SweepPoint p : points) {
            Outcome run = save(StoredRun.of(p.result(), java.util.Optional.empty(), findings.getOrDefault(p.result().id(), java.util.List.of())));
            if (!run.stored()) {
                return new Outcome(false, run.message() + "; the sweep's points are kept as runs, not as one sweep");
            }
            kept.add(new StoredSweep.Point(p.threads(), p.result().id()));
        }
        StoredSweep sweep = new StoredSweep(java.util.UUID.randomUUID().toString(), points.getFirst().result().startedAt(),
                points.getFirst().result().spec().workload(), kept, model);
        try {
            store().saveSweep(sweep);
        } catch (StoreException e) {
            dropStore();
            return new Outcome(false, e.getMessage() + "; the points are stored as runs");
        }
        return new Outcome(true, "saved sweep " + sweep.id().substring(0, 8) + " (" + kept.size() + " points) to " + location.shortForm());
    }

    /**
     * Writes the spooled runs to the store, oldest first, stopping at the first failure.
     *
     * @return how many were written
     */
    public synchronized int flush() {
        int written = 0;
        for (Path file : spooled()) {
            try {
                store().save(JSON.readValue(file.toFile(), StoredRun.class));
                Files.delete(file);
                written++;
            } catch (StoreException e) {
                dropStore();
                break;
            } catch (IOException e) {
                break;
            }
        }
        return written;
    }

    /** @return runs waiting in the spool */
    public synchronized int pending() {
        return spooled().size();
    }

    /**
     * @return the store, opened if needed
     * @throws StoreException if it cannot be reached
     */
    public synchronized ResultStore store() throws StoreException {
        if (store == null) {
            try {
                store = ResultStore.open(location);
            } catch (StoreException e) {
                store = openReadOnly(e);
            }
        }
        return store;
    }

    /** @return an existing H2 file that cannot be opened for writing (a read-only directory), opened to read its runs; else throws {@code cause} */
    private ResultStore openReadOnly(StoreException cause) throws StoreException {
        StoreLocation readOnly = location.readOnly();
        if (readOnly == null || !Files.isRegularFile(location.h2File().orElseThrow())) {
            throw cause;
        }
        try {
            return ResultStore.open(readOnly);
        } catch (StoreException alsoFailed) {
            cause.addSuppressed(alsoFailed);
            throw cause;
        }
    }

    private void dropStore() {
        if (store != null) {
            store.close();
            store = null;
        }
    }

    private static Path writeSpool(Path dir, StoredRun run) throws IOException {
        Path file = dir.resolve(run.startedAt().toEpochMilli() + "-" + run.id() + ".json");
        AtomicFiles.writeString(file, JSON.writeValueAsString(run));
        return file;
    }

    /** @return this store's spooled runs in both spools, oldest first */
    private List<Path> spooled() {
        return Stream.of(spool, fallbackSpool).flatMap(ResultArchive::spooledIn)
                .sorted(java.util.Comparator.comparing(p -> p.getFileName().toString())).toList();
    }

    private static Stream<Path> spooledIn(Path dir) {
        if (!Files.isDirectory(dir)) {
            return Stream.empty();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".json")).toList().stream();
        } catch (IOException e) {
            return Stream.empty();
        }
    }

    @Override
    public synchronized void close() {
        dropStore();
    }
}
