package io.nexus.tuning;

import java.util.ArrayList;
import java.util.List;

/**
 * JVM flags for the engine: a fixed heap that is touched up front (the guide's pre-allocation), the
 * collector for the preset, bounded non-heap memory (so a memory budget adds up), NUMA awareness only when
 * the process spans nodes, GC logs that rotate, and a process that exits on OutOfMemoryError (leaving a
 * heap dump) so its service manager restarts it. Pure.
 */
public final class JvmTuning {
    private static final long MB = 1L << 20;
    private static final long GB = 1L << 30;
    /** Where the service keeps its state (systemd's StateDirectory) and its logs (LogsDirectory); the container uses the same paths. */
    public static final String STATE_DIR = "/var/lib/nexus-workbench";
    public static final String LOG_DIR = "/var/log/nexus-workbench";
    /** The smallest heap the engine is given. */
    public static final long MIN_HEAP = 256 * MB;
    /** Non-heap memory the flags bound: metaspace, code cache and direct buffers. */
    public static final long NON_HEAP_BYTES = 256 * MB + 240 * MB + 256 * MB;

    private JvmTuning() {
    }

    /**
     * @return the heap for a JVM given {@code ramBytes}: a quarter, at least 256 MiB; at most 31 GiB under the
     *     parallel collector (compressed object pointers need a heap under 32 GiB; ZGC does not use them)
     */
    public static long defaultHeap(long ramBytes, SysctlTuning.Preset preset) {
        long quarter = Math.max(MIN_HEAP, ramBytes / 4 / MB * MB);
        return preset == SysctlTuning.Preset.THROUGHPUT ? Math.min(31 * GB, quarter) : quarter;
    }

    /**
     * @param heapBytes  the heap, at least 256 MiB (rounded down to whole MiB)
     * @param numaNodes  the NUMA nodes the process spans: 1 when numactl binds it to one node
     * @return the flags, each with its reason
     */
    public static List<Setting> flags(long heapBytes, SysctlTuning.Preset preset, int numaNodes) {
        String size = heapBytes % GB == 0 ? heapBytes / GB + "g" : heapBytes / MB + "m";
        boolean zgc = preset == SysctlTuning.Preset.LATENCY;
        List<Setting> flags = new ArrayList<>();
        String why = zgc ? "heap fixed (ZGC does not compress object pointers, so no 32g ceiling applies)"
                : "heap fixed, at most 31g (the parallel collector keeps object pointers compressed below 32g)";
        flags.add(new Setting("-Xms" + size, "", why, true));
        flags.add(new Setting("-Xmx" + size, "", "the same maximum: the heap never resizes during a run", true));
        flags.add(new Setting("-XX:+AlwaysPreTouch", "", "touch every heap page at start-up, not during the first runs (the guide's pre-allocation)", true));
        if (zgc) {
            flags.add(new Setting("-XX:+UseZGC", "", "ZGC (generational): pauses well under a millisecond whatever the heap size", true));
        } else {
            flags.add(new Setting("-XX:+UseParallelGC", "", "the throughput collector: least GC work per allocated byte", true));
        }
        if (numaNodes > 1) {
            flags.add(new Setting("-XX:+UseNUMA", "", "allocate each thread's objects on its own node (the process spans " + numaNodes + " nodes)", true));
        }
        flags.add(new Setting("-XX:MaxMetaspaceSize=256m", "", "bounded class metadata (part of the memory budget)", true));
        flags.add(new Setting("-XX:ReservedCodeCacheSize=240m", "", "bounded JIT code cache (the JVM's default size, made explicit for the budget)", true));
        flags.add(new Setting("-XX:MaxDirectMemorySize=256m", "", "bounded NIO direct buffers (the engine's pools are separate, in the budget)", true));
        flags.add(new Setting("-Xlog:gc*:file=" + LOG_DIR + "/gc.log:time,uptime,level,tags:filecount=5,filesize=20m", "",
                "GC log, rotated over 5 files of 20 MB", true));
        flags.add(new Setting("-XX:+ExitOnOutOfMemoryError", "", "exit on OutOfMemoryError instead of running on damaged: the service restarts it", true));
        flags.add(new Setting("-XX:+HeapDumpOnOutOfMemoryError", "", "keep the heap at the moment of the error for analysis", true));
        flags.add(new Setting("-XX:HeapDumpPath=" + STATE_DIR, "", "in the service's state directory (writable by its user)", true));
        flags.add(new Setting("--add-modules=jdk.incubator.vector", "", "the Vector API kernels (xor, matrix multiply)", true));
        flags.add(new Setting("--enable-native-access=ALL-UNNAMED", "", "FFM calls for thread pinning (sched_setaffinity)", true));
        return flags;
    }

    /** @return the flags as one line, for JAVA_OPTS or a unit's ExecStart */
    public static String line(List<Setting> flags) {
        return String.join(" ", flags.stream().map(Setting::name).toList());
    }

    /** @return a file of the flags, one per line under its reason, as {@code java @jvm.options} reads it */
    public static String file(List<Setting> flags, String header) {
        StringBuilder text = new StringBuilder("# " + header + "\n# Use: java @jvm.options -jar nexus.jar ...   ('#' lines are comments)\n");
        for (Setting f : flags) {
            text.append("# ").append(f.why()).append('\n').append(f.name()).append('\n');
        }
        return text.toString();
    }
}
