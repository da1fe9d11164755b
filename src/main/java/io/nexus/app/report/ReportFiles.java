package io.nexus.app.report;

import io.nexus.app.IoErrors;
import io.nexus.profile.AtomicFiles;
import io.nexus.store.StoredRun;
import io.nexus.store.StoredSweep;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/** Writes reports of runs to files, whole or not at all (temporary file, then a move). Stateless. */
public final class ReportFiles {
    private ReportFiles() {
    }

    /**
     * @param file where the report goes (replaced if it exists: the caller has asked)
     * @param runs one or more runs, the baseline first
     * @return what was written, in words
     * @throws IOException if the file cannot be written; it is then unchanged
     */
    public static String writeRuns(Path file, List<StoredRun> runs) throws IOException {
        return write(file, HtmlReport.ofRuns(runs, Instant.now()), runs.size());
    }

    /** @return what {@link #writeRuns} wrote, or why it wrote nothing (any failure), in words */
    public static String tryWriteRuns(Path file, List<StoredRun> runs) {
        try {
            return writeRuns(file, runs);
        } catch (IOException e) {
            return "the report was not written: " + IoErrors.describe(e);
        } catch (RuntimeException e) {
            return "the report was not written: " + e;
        }
    }

    /** Writes {@code html}, a report of {@code runs} runs, to {@code file}; @return the line that says so */
    private static String write(Path file, String html, int runs) throws IOException {
        AtomicFiles.writeString(file, html);
        return String.format(Locale.ROOT, "wrote a report of %d run%s to %s (%,d bytes; open it in a browser)", runs,
                runs == 1 ? "" : "s", file, html.getBytes(java.nio.charset.StandardCharsets.UTF_8).length);
    }

    /**
     * @param file   where the report goes
     * @param sweep  the sweep
     * @param points its points' runs, in its order
     * @return what was written, in words
     * @throws IOException if the file cannot be written; it is then unchanged
     */
    public static String writeSweep(Path file, StoredSweep sweep, List<StoredRun> points) throws IOException {
        return write(file, HtmlReport.ofSweep(sweep, points, Instant.now()), points.size());
    }
}
