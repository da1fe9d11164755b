package io.nexus.engine.measure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

class IntervalSamplerTest {
    @Test
    void percentilesComeFromTheMergedHistogramNotFromAveragedPercentiles() {
        WorkerRecorder fast = new WorkerRecorder();
        WorkerRecorder slow = new WorkerRecorder();
        IntervalSampler sampler = new IntervalSampler(List.of(fast, slow));
        sampler.begin(0, 0);
        for (int i = 0; i < 990; i++) {
            fast.recordOp(1_000, 500);
        }
        for (int i = 0; i < 10; i++) {
            slow.recordOp(1_000_000, 900_000);
        }
        Sample s = sampler.sample(1_000_000_000L, 0, 0);
        // Merged: 99 % of ops take 1 µs, so p99 is 1 µs and p99.9 is 1 ms. Averaging the two workers' p99
        // (1 µs and 1 ms) would claim about 500 µs, a number no op ever took.
        assertEquals(1_000, s.latency().p99(), 1);
        assertEquals(1_000_000, s.latency().p999(), 1_000);
        assertEquals(1000, s.ops());
        assertEquals(1000.0, s.opsPerSecond(), 1e-9);
    }

    @Test
    void totalsAccumulateIntervalsAndOpsCountFailuresToo() {
        WorkerRecorder r = new WorkerRecorder();
        IntervalSampler sampler = new IntervalSampler(List.of(r));
        sampler.begin(100, 0);
        r.recordOp(2_000, 1_000);
        Sample first = sampler.sample(200, 0, 0);
        r.recordOp(3_000, 1_000);
        r.recordError();
        Sample second = sampler.sample(300, 1, 4);
        Histogram total = sampler.totalResponse();
        assertEquals(2, total.getTotalCount());
        assertEquals(1, first.ops());
        assertEquals(2, second.ops(), "one recorded op and one failed op");
        assertEquals(1, second.errors());
        assertEquals(4, second.queueDepth());
        assertEquals(200, second.elapsedNanos());
        assertTrue(total.getMaxValue() >= 3_000 && total.getMaxValue() < 3_010);
    }

    @Test
    void valuesBeyondTheRangeAreClampedNotLost() {
        WorkerRecorder r = new WorkerRecorder();
        IntervalSampler sampler = new IntervalSampler(List.of(r));
        sampler.begin(0, 0);
        r.recordOp(Long.MAX_VALUE, -5);
        sampler.sample(1, 0, 0);
        assertEquals(1, sampler.totalResponse().getTotalCount());
        assertTrue(sampler.totalResponse().getMaxValue() >= WorkerRecorder.HIGHEST_TRACKABLE_NANOS * 0.999);
    }
}
