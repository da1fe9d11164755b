package io.nexus.app;

import io.nexus.bench.Calibration;
import io.nexus.engine.measure.ClockCalibration;
import io.nexus.engine.measure.HiccupMeter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** A calibration report as the lines the command line prints and the Dashboard shows. Stateless. */
public final class CalibrationText {
    private CalibrationText() {
    }

    /** @return one line per fact; the tables' columns line up in a monospaced font */
    public static List<String> lines(Calibration.Report r) {
        List<String> lines = new ArrayList<>();
        ClockCalibration c = r.clock();
        lines.add(f("clock            System.nanoTime %.1f ns per read, steps of %d ns; histogram record %.1f ns;"
                + " parkNanos wakes %.0f us late", c.clockCostNanos(), c.clockGranularityNanos(), c.recordCostNanos(),
                c.parkOvershootNanos() / 1e3));
        HiccupMeter.Result h = r.hiccups();
        lines.add(f("hiccups          one spinning thread lost %.2f %% of 1 s to %d gaps over %.0f us, longest %.0f us",
                100 * h.lostFraction(), h.gaps(), h.thresholdNanos() / 1e3, h.maxGapNanos() / 1e3));
        lines.add("engine overhead  workload      kernel ops/s   engine ops/s   ns/op added");
        for (Calibration.Overhead o : r.overheads()) {
            lines.add(f("                 %-12s %13s  %13s  %12.1f", o.workload() + " " + o.size(), rate(o.kernelOpsPerSecond()),
                    rate(o.engineOpsPerSecond()), o.nanosPerOp()));
        }
        lines.add(f("latency          %s at a constant rate, one worker (capacity %s ops/s); response time in us,"
                + " reference loop / engine", r.curveWorkload(), rate(r.capacity())));
        lines.add("                 load   rate       p50             p90             p99             p99.9           achieved");
        for (Calibration.CurvePoint p : r.curve()) {
            lines.add(f("                 %3.0f %%  %-10s %-15s %-15s %-15s %-15s %5.1f %%%s", 100 * p.load(), rate(p.rate()),
                    pair(p.reference().p50(), p.engine().p50()), pair(p.reference().p90(), p.engine().p90()),
                    pair(p.reference().p99(), p.engine().p99()), pair(p.reference().p999(), p.engine().p999()),
                    100 * p.achieved(), (p.sustained() ? "" : "  (not sustained)")
                            + (p.referenceKeptUp() ? "" : f("  (reference fell behind: %.0f %%)", 100 * p.referenceAchieved()))));
        }
        lines.add(f("sustainable      %s ops/s on one worker with p99 within 3x the reference's + 10 us (where the reference"
                + " fell behind, its p99 at the highest load it kept up with)", rate(r.sustainableRate())));
        return lines;
    }

    private static String pair(long referenceNanos, long engineNanos) {
        return f("%.1f / %.1f", referenceNanos / 1e3, engineNanos / 1e3);
    }

    private static String rate(double perSecond) {
        return perSecond >= 1e6 ? f("%.2fM", perSecond / 1e6) : perSecond >= 1e3 ? f("%.1fk", perSecond / 1e3) : f("%.1f", perSecond);
    }

    private static String f(String pattern, Object... args) {
        return String.format(Locale.ROOT, pattern, args);
    }
}
