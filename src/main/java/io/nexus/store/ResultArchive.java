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
 * directory (one JSON file per run, written to a temporary file and moved into place), and spooled runs
 * are written to the store, oldest first, as soon as it answers again. The store is opened lazily and
 * reopened after a failure.
 *
 * <p><b>Thread-safety:</b> thread-safe (methods are synchronized); blocking.
 */
public final class ResultArchive implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule());

    private final StoreLocation location;
    private final Path spool;
    private ResultStore store;

    /**
     * @param location the store
     * @param spool    where runs wait while the store is unreachable
     */
    public ResultArchive(StoreLocation location, Path spool) {
        this.location = location;
        this.spool = spool;
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
            return new Outcome(true, "saved run " + run.id() + " to " + location
                    + (flushed > 0 ? " (and " + flushed + " run" + (flushed == 1 ? "" : "s") + " that waited in " + spool + ")" : ""));
        } catch (StoreException e) {
            dropStore();
            Path file = writeSpool(run);
            return new Outcome(false, e.getMessage() + "; the run is kept in " + file + " and will be written when the store is back");
        }
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
            store = ResultStore.open(location);
        }
        return store;
    }

    private void dropStore() {
        if (store != null) {
            store.close();
            store = null;
        }
    }

    private Path writeSpool(StoredRun run) throws IOException {
        Path file = spool.resolve(run.startedAt().toEpochMilli() + "-" + run.id() + ".json");
        AtomicFiles.writeString(file, JSON.writeValueAsString(run));
        return file;
    }

    private List<Path> spooled() {
        if (!Files.isDirectory(spool)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(spool)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".json")).sorted().toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    @Override
    public synchronized void close() {
        dropStore();
    }
}
