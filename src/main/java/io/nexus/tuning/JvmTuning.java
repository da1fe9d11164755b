package io.nexus.tuning;

import java.util.ArrayList;
import java.util.List;

/**
 * JVM flags for the engine: a fixed heap that is touched up front (the guide's pre-allocation), the
 * collector for the preset, NUMA awareness on multi-node hosts, and the flags the engine's kernels and
 * pinning need. Pure.
 */
public final class JvmTuning {
    private static final long GB = 1L << 30;

    private JvmTuning() {
    }

    /** @return the flags, each with its reason */
    public static List<Setting> flags(Host host, SysctlTuning.Preset preset) {
        long heap = Math.clamp(host.ramBytes() / 4, GB / 4, 31 * GB);
        String size = heap % GB == 0 ? heap / GB + "g" : heap / (1 << 20) + "m";
        List<Setting> flags = new ArrayList<>();
        flags.add(new Setting("-Xms" + size, "", "heap fixed at 1/4 of RAM (at most 31g, so object pointers stay compressed)", true));
        flags.add(new Setting("-Xmx" + size, "", "the same maximum: the heap never resizes during a run", true));
        flags.add(new Setting("-XX:+AlwaysPreTouch", "", "touch every heap page at start-up, not during the first runs (the guide's pre-allocation)", true));
        if (preset == SysctlTuning.Preset.LATENCY) {
            flags.add(new Setting("-XX:+UseZGC", "", "ZGC (generational): pauses well under a millisecond whatever the heap size", true));
        } else {
            flags.add(new Setting("-XX:+UseParallelGC", "", "the throughput collector: least GC work per allocated byte", true));
        }
        if (host.numaNodes() > 1 && preset == SysctlTuning.Preset.THROUGHPUT) {
            flags.add(new Setting("-XX:+UseNUMA", "", "allocate each thread's objects on its own node (" + host.numaNodes() + " nodes)", true));
        }
        flags.add(new Setting("--add-modules=jdk.incubator.vector", "", "the Vector API kernels (matrix multiply)", true));
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
