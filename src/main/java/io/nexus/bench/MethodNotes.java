package io.nexus.bench;

import io.nexus.engine.EngineMode;
import io.nexus.engine.MeasurementMethod;
import io.nexus.engine.measure.TimingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The notes that say how a run measured: mode, window, timing and its bound, overhead, warm-up. Stateless. */
final class MethodNotes {
    private MethodNotes() {
    }

    /**
     * @param method        how the run measured, or {@code null} if it never did
     * @param meanWaitNanos mean response time less mean service time, ns
     * @return one line per fact, empty if nothing was measured
     */
    static List<String> of(MeasurementMethod method, RunSpec spec, double meanWaitNanos) {
        List<String> notes = new ArrayList<>();
        if (method == null) {
            return notes;
        }
        boolean rate = spec.mode() == RunMode.RATE;
        if (method.mode() == EngineMode.SELF_PACED) {
            notes.add(rate ? "self-paced: each worker waits for the due time of its own share of the schedule and"
                            + " measures each op from it"
                    : format("self-paced closed loop: %d client(s) per worker, each op measured from the end of the op"
                            + " %d before it; mean wait %.0f ns", method.window(), method.window(), meanWaitNanos));
        } else if (method.mode() == EngineMode.EVENT_LOOP) {
            notes.add(rate ? format("event loops (as wrk2): up to %d connection(s) per worker thread; each request is sent at"
                            + " its due time on an idle connection (when none is idle, as soon as one is) and measured from"
                            + " its due time", method.window())
                    : format("event loops (as wrk): up to %d connection(s) per worker thread, each sending its next request"
                            + " as its last is answered; latency from each request's begin (a reconnect included)", method.window()));
        } else {
            notes.add(format("queued: a dispatcher thread feeds each worker's queue, %d ops in flight per worker in"
                    + " entries of up to %d; response time = queue wait + service time, mean queue wait %.0f ns",
                    method.window(), spec.batch(), meanWaitNanos));
        }
        notes.add(switch (method.timing()) {
            case PER_OP -> format("timing: per op (two clock reads of %.1f ns around each op)", method.clock().clockCostNanos());
            case SAMPLED -> format("timing: sampled: the first op of each run of up to %d is timed alone (clock reads of %.1f ns)"
                    + " and stands for the run's ops; the percentiles are of those samples", method.opsPerTimedRun(),
                    method.clock().clockCostNanos());
            default -> format("timing: per run of up to %d ops sharing two clock reads of %.1f ns; each op's end is placed"
                    + " within its run, so a response time is off by at most %d ns", method.opsPerTimedRun(),
                    method.clock().clockCostNanos(), method.timingBoundNanos());
        });
        notes.add(format("measurement overhead %.1f ns per op (op %.1f ns; clock %.1f ns, granularity %d ns;"
                        + " histogram record %.1f ns)", method.overheadPerOpNanos(), method.opNanos(),
                method.clock().clockCostNanos(), method.clock().clockGranularityNanos(), method.clock().recordCostNanos()));
        if (method.warmupNanos() > 0) {
            notes.add(format("warm-up %.2f s, %s", method.warmupNanos() / 1e9,
                    method.jitQuiet() ? "ended with the JIT quiet" : "ended with the JIT still compiling"));
        }
        return notes;
    }

    private static String format(String pattern, Object... args) {
        return String.format(Locale.ROOT, pattern, args);
    }
}
