package io.nexus.cli;

import io.nexus.bench.Units;
import io.nexus.engine.RunListener;
import io.nexus.engine.measure.Sample;
import java.io.PrintWriter;
import java.util.Locale;

/**
 * A live progress line on a terminal: rewritten in place every sample, cleared at the end. Prints
 * nothing when standard error is not a terminal, so piped output stays clean. Called on the engine's
 * controller thread; printing is quick.
 */
final class ProgressLine implements RunListener {
    private final PrintWriter err;
    private final boolean enabled;
    private final String label;
    private final double plannedSeconds;

    /**
     * @param plannedSeconds the measured seconds planned (shown as the total, with the time left), 0 if unknown
     */
    ProgressLine(PrintWriter err, boolean enabled, String label, double plannedSeconds) {
        this.err = err;
        this.enabled = enabled;
        this.label = label;
        this.plannedSeconds = plannedSeconds;
    }

    @Override
    public void onSample(Sample s) {
        if (enabled) {
            err.printf(Locale.ROOT, "\r%s %s  %s ops/s  p50 %s  p99 %s  p99.9 %s  queue %d  cpu %3.0f%%   ",
                    label, elapsed(s.elapsedNanos() / 1e9), Units.rate(s.opsPerSecond()), Units.nanos(s.latency().p50()),
                    Units.nanos(s.latency().p99()), Units.nanos(s.latency().p999()), s.queueDepth(),
                    Math.max(0, s.processCpu()) * 100);
            err.flush();
        }
    }

    /** @return {@code 12.0 s}, or with a plan {@code 12.0/300 s, 4:48 left} */
    String elapsed(double seconds) {
        if (plannedSeconds <= 0) {
            return String.format(Locale.ROOT, "%6.1f s", seconds);
        }
        long left = Math.max(0, Math.round(plannedSeconds - seconds));
        return String.format(Locale.ROOT, "%6.1f/%.0f s, %d:%02d left", seconds, plannedSeconds, left / 60, left % 60);
    }

    /** Shows {@code step} after the label: what is being done now. */
    void say(String step) {
        if (enabled) {
            err.printf(Locale.ROOT, "\r\033[2K%s: %s", label, step);
            err.flush();
        }
    }

    /** Clears the line. */
    void finish() {
        if (enabled) {
            err.print("\r\033[2K");
            err.flush();
        }
    }
}
