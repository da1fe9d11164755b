package io.nexus.bench;

import io.nexus.profile.FieldError;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One measurement at a time in this process (the window and the command line included): two runs at
 * once share the CPUs and corrupt each other's figures without a word, so a second one is refused with
 * what is running. A sweep or a calibration holds the slot across all its runs (the slot is reentrant for
 * the thread that holds it).
 *
 * <p><b>Thread-safety:</b> thread-safe; a {@link Held} must be closed on the thread that took it.
 */
public final class MeasurementSlot {
    private static final ReentrantLock LOCK = new ReentrantLock();
    private static volatile String holder = "";

    private MeasurementSlot() {
    }

    /** The slot, held until closed. */
    @FunctionalInterface
    public interface Held extends AutoCloseable {
        @Override
        void close();
    }

    /**
     * Takes the slot for {@code what} (e.g. {@code "xor benchmark, 1 thread"}).
     *
     * @throws InvalidSpecException naming {@code (run)} and what holds the slot, if another thread does
     */
    public static Held take(String what) throws InvalidSpecException {
        if (!LOCK.tryLock()) {
            throw new InvalidSpecException(List.of(new FieldError("(run)", "another measurement is running in this process ("
                    + holder + "): run one at a time, or both measure each other")));
        }
        if (LOCK.getHoldCount() == 1) {
            holder = what + ", since " + LocalTime.now().truncatedTo(ChronoUnit.SECONDS);
        }
        return () -> {
            if (LOCK.getHoldCount() == 1) {
                holder = "";
            }
            LOCK.unlock();
        };
    }

    /** @return what holds the slot now, if anything */
    public static Optional<String> current() {
        String h = holder;
        return h.isEmpty() ? Optional.empty() : Optional.of(h);
    }
}
