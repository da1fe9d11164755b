package io.nexus.jcstress;

import io.nexus.engine.measure.IntervalRecorder;
import org.HdrHistogram.Histogram;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.Expect;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.JJ_Result;

/**
 * The recorder's swap hand-off under every interleaving jcstress finds: a worker records two ops with a
 * swap point between them while the sampler drains once; then everything left is drained. The sampler sees
 * none (the worker passed its swap point before the request) or the first only (it swapped after the
 * first op), and the two drains together always hold both ops: none lost, none counted twice, never
 * the second op without the first.
 */
@JCStressTest
@Outcome(id = "0, 2", expect = Expect.ACCEPTABLE, desc = "the worker passed its swap point before the sampler asked")
@Outcome(id = "1, 2", expect = Expect.ACCEPTABLE, desc = "the worker swapped between its two ops")
@Outcome(expect = Expect.FORBIDDEN, desc = "an op lost, counted twice, or drained from the buffer in use")
@State
public class IntervalRecorderSwapTest {
    private final IntervalRecorder recorder = new IntervalRecorder(1_000, 1);
    private final Histogram response = new Histogram(1, 1_000, 1);
    private final Histogram service = new Histogram(1, 1_000, 1);

    @Actor
    public void worker() {
        recorder.record(100, 50);
        recorder.swapIfRequested();
        recorder.record(200, 50);
    }

    @Actor
    public void sampler(JJ_Result r) {
        recorder.drainInto(response, service, 20_000);
        r.r1 = response.getTotalCount();
    }

    @Arbiter
    public void afterBoth(JJ_Result r) {
        recorder.drainRemaining(response, service);
        r.r2 = response.getTotalCount();
    }
}
