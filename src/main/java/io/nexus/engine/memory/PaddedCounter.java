package io.nexus.engine.memory;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/** Cache-line padding before the hot value: 128 bytes covers adjacent-line prefetch on x86. */
abstract class PaddedCounterLhs {
    long p00, p01, p02, p03, p04, p05, p06, p07;
    long p10, p11, p12, p13, p14, p15, p16, p17;
}

/** The hot value, alone between two pads. */
abstract class PaddedCounterValue extends PaddedCounterLhs {
    volatile long value;
}

/**
 * A {@code long} counter on cache lines of its own, so that the thread writing it never shares a line
 * with the threads reading it (false sharing), in the manner of JCTools' padded indices.
 *
 * <p><b>Thread-safety:</b> the {@code *Single*} and {@code *Release} methods assume a single writer
 * thread; any number of threads may read with {@link #getAcquire()} or {@link #get()}.
 * {@link #getAndAdd(long)} is safe for many writers.
 */
public final class PaddedCounter extends PaddedCounterValue {
    long q00, q01, q02, q03, q04, q05, q06, q07;
    long q10, q11, q12, q13, q14, q15, q16, q17;

    private static final VarHandle VALUE;

    static {
        try {
            VALUE = MethodHandles.lookup().findVarHandle(PaddedCounterValue.class, "value", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** @return the value with volatile semantics */
    public long get() {
        return value;
    }

    /** @return the value with acquire semantics: sees every write published before a release store */
    public long getAcquire() {
        return (long) VALUE.getAcquire(this);
    }

    /** @return the value as last seen by this thread, with no ordering (for the single writer itself) */
    public long getPlain() {
        return (long) VALUE.get(this);
    }

    /** Publishes {@code newValue} with release semantics; cheaper than a volatile write. */
    public void setRelease(long newValue) {
        VALUE.setRelease(this, newValue);
    }

    /** Single writer only: adds {@code delta} and publishes the sum with release semantics. */
    public void addSingleWriter(long delta) {
        VALUE.setRelease(this, (long) VALUE.get(this) + delta);
    }

    /** Atomically adds {@code delta}, safe for many writers. @return the previous value */
    public long getAndAdd(long delta) {
        return (long) VALUE.getAndAdd(this, delta);
    }

    @Override
    public String toString() {
        return Long.toString(get());
    }
}
