package io.nexus.engine.measure;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.List;

/**
 * Reads this JVM's process CPU time, heap use and GC time. Used by one sampler thread at a time;
 * calls allocate a little and are made once per sampling interval, never on the hot path.
 */
public final class JvmProbe {
    private final com.sun.management.OperatingSystemMXBean os;
    private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    /** The collectors whose time is pause time: ZGC's and Shenandoah's "... Cycles" beans count concurrent work instead. */
    private final List<GarbageCollectorMXBean> collectors = ManagementFactory.getGarbageCollectorMXBeans().stream()
            .filter(gc -> !gc.getName().endsWith("Cycles")).toList();
    private final int cores = Runtime.getRuntime().availableProcessors();

    public JvmProbe() {
        java.lang.management.OperatingSystemMXBean bean = ManagementFactory.getOperatingSystemMXBean();
        this.os = bean instanceof com.sun.management.OperatingSystemMXBean sun ? sun : null;
    }

    /** @return CPU time used by the whole process so far in ns, or -1 if unknown */
    public long processCpuNanos() {
        return os == null ? -1 : os.getProcessCpuTime();
    }

    /** @return the fraction of all cores used between two CPU readings taken {@code wallNanos} apart, or -1 */
    public double cpuFraction(long cpuBefore, long cpuAfter, long wallNanos) {
        if (cpuBefore < 0 || cpuAfter < 0 || wallNanos <= 0) {
            return -1;
        }
        return Math.clamp((double) (cpuAfter - cpuBefore) / ((double) wallNanos * cores), 0.0, 1.0);
    }

    /** @return heap bytes in use now */
    public long heapUsedBytes() {
        return memory.getHeapMemoryUsage().getUsed();
    }

    /** @return total milliseconds of GC pauses since the JVM started (concurrent collector cycles left out) */
    public long gcMillis() {
        long total = 0;
        for (GarbageCollectorMXBean gc : collectors) {
            total += Math.max(0, gc.getCollectionTime());
        }
        return total;
    }
}
