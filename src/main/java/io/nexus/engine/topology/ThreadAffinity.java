package io.nexus.engine.topology;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Pins the calling thread to CPUs through Linux' {@code sched_setaffinity(2)}, called with the FFM API,
 * and reads the set back with {@code sched_getaffinity(2)}. Where the call is not available (another OS,
 * native access denied) every method says so in its result instead of failing, and the thread runs on
 * unpinned. Thread-safe: each call acts on the calling thread only.
 */
public final class ThreadAffinity {
    /** Size of glibc's {@code cpu_set_t}: 1024 CPUs. */
    private static final int CPU_SET_BYTES = 128;
    private static final StructLayout CALL_STATE = Linker.Option.captureStateLayout();
    private static final VarHandle ERRNO = CALL_STATE.varHandle(java.lang.foreign.MemoryLayout.PathElement.groupElement("errno"));

    private static final MethodHandle SET;
    private static final MethodHandle GET;
    private static final String UNAVAILABLE;

    static {
        MethodHandle set = null;
        MethodHandle get = null;
        String unavailable = null;
        try {
            if (!System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT).contains("linux")) {
                throw new UnsupportedOperationException("thread pinning needs Linux, this is " + System.getProperty("os.name"));
            }
            set = downcall("sched_setaffinity");
            get = downcall("sched_getaffinity");
        } catch (RuntimeException | LinkageError e) {
            unavailable = e.getMessage() == null ? e.toString() : e.getMessage();
            set = null;
            get = null;
        }
        SET = set;
        GET = get;
        UNAVAILABLE = unavailable;
    }

    private ThreadAffinity() {
    }

    /** Links {@code int name(pid_t, size_t, cpu_set_t*)}, capturing errno. Needs native access. */
    @SuppressWarnings("restricted")
    private static MethodHandle downcall(String name) {
        Linker linker = Linker.nativeLinker();
        FunctionDescriptor signature = FunctionDescriptor.of(ValueLayout.JAVA_INT,
                ValueLayout.JAVA_INT, ValueLayout.JAVA_LONG, ValueLayout.ADDRESS);
        return linker.downcallHandle(linker.defaultLookup().findOrThrow(name), signature,
                Linker.Option.captureCallState("errno"));
    }

    /** @return why pinning cannot work here, or empty when it can */
    public static Optional<String> unavailableReason() {
        return Optional.ofNullable(UNAVAILABLE);
    }

    /**
     * Restricts the calling thread to {@code cpus} and reads the set back.
     *
     * @param cpus CPU ids in [0, 1024)
     * @return the CPUs the kernel now reports for this thread, or an explanation of why it stays unpinned
     */
    public static PinResult pinCurrentThread(List<Integer> cpus) {
        if (UNAVAILABLE != null) {
            return PinResult.unpinned("pinning unavailable: " + UNAVAILABLE);
        }
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment mask = arena.allocate(CPU_SET_BYTES);
            for (int cpu : cpus) {
                if (cpu < 0 || cpu >= CPU_SET_BYTES * 8) {
                    return PinResult.unpinned("CPU " + cpu + " is outside [0, " + CPU_SET_BYTES * 8 + ")");
                }
                long word = mask.getAtIndex(ValueLayout.JAVA_LONG, cpu / 64);
                mask.setAtIndex(ValueLayout.JAVA_LONG, cpu / 64, word | 1L << (cpu % 64));
            }
            MemorySegment state = arena.allocate(CALL_STATE);
            int rc = (int) SET.invokeExact(state, 0, (long) CPU_SET_BYTES, mask);
            if (rc != 0) {
                return PinResult.unpinned("sched_setaffinity(" + CpuList.format(cpus) + ") failed, errno " + (int) ERRNO.get(state, 0L));
            }
            return currentAffinity(arena).map(PinResult::pinned)
                    .orElseGet(() -> PinResult.unpinned("sched_getaffinity failed after pinning"));
        } catch (Throwable e) {
            return PinResult.unpinned("pinning failed: " + e);
        }
    }

    /** @return the CPUs the calling thread may run on, or empty if that cannot be read */
    public static Optional<List<Integer>> currentThreadAffinity() {
        if (UNAVAILABLE != null) {
            return Optional.empty();
        }
        try (Arena arena = Arena.ofConfined()) {
            return currentAffinity(arena);
        }
    }

    private static Optional<List<Integer>> currentAffinity(Arena arena) {
        MemorySegment mask = arena.allocate(CPU_SET_BYTES);
        MemorySegment state = arena.allocate(CALL_STATE);
        try {
            int rc = (int) GET.invokeExact(state, 0, (long) CPU_SET_BYTES, mask);
            if (rc != 0) {
                return Optional.empty();
            }
        } catch (Throwable e) {
            return Optional.empty();
        }
        List<Integer> cpus = new ArrayList<>();
        for (int cpu = 0; cpu < CPU_SET_BYTES * 8; cpu++) {
            if ((mask.getAtIndex(ValueLayout.JAVA_LONG, cpu / 64) & 1L << (cpu % 64)) != 0) {
                cpus.add(cpu);
            }
        }
        return Optional.of(List.copyOf(cpus));
    }

    /**
     * What pinning achieved.
     *
     * @param cpus   the CPU set read back from the kernel; empty when unpinned
     * @param reason why the thread is unpinned; empty when pinned
     */
    public record PinResult(List<Integer> cpus, Optional<String> reason) {
        static PinResult pinned(List<Integer> cpus) {
            return new PinResult(cpus, Optional.empty());
        }

        static PinResult unpinned(String reason) {
            return new PinResult(List.of(), Optional.of(reason));
        }

        /** @return whether the kernel confirmed the pin */
        public boolean isPinned() {
            return reason.isEmpty();
        }
    }
}
