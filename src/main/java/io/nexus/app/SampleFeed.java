package io.nexus.app;

import io.nexus.engine.RunListener;
import io.nexus.engine.measure.Sample;
import java.util.Collection;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Hands samples from a run's controller thread to a screen: the run appends without blocking, the
 * screen drains on its own timer and applies all new samples in one update. Lock-free; any number of
 * threads may append, one thread drains.
 */
public final class SampleFeed implements RunListener {
    private final ConcurrentLinkedQueue<Sample> pending = new ConcurrentLinkedQueue<>();

    @Override
    public void onSample(Sample sample) {
        pending.add(sample);
    }

    /**
     * Moves every sample received since the last call into {@code into}, oldest first.
     *
     * @return how many were moved
     */
    public int drainTo(Collection<? super Sample> into) {
        int moved = 0;
        Sample s;
        while ((s = pending.poll()) != null) {
            into.add(s);
            moved++;
        }
        return moved;
    }
}
