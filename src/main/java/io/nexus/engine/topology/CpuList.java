package io.nexus.engine.topology;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * The kernel's CPU list format ({@code "0-3,8,10-11"}), as in {@code /sys/devices/system/cpu/online}
 * and {@code cpulist} files. Stateless and thread-safe.
 */
public final class CpuList {
    private CpuList() {
    }

    /**
     * @param text a CPU list; blank means no CPUs
     * @return the CPU ids, ascending and distinct
     * @throws IllegalArgumentException naming the bad part if {@code text} is not a CPU list
     */
    public static List<Integer> parse(String text) {
        TreeSet<Integer> cpus = new TreeSet<>();
        String trimmed = text.strip();
        if (trimmed.isEmpty()) {
            return List.of();
        }
        for (String part : trimmed.split(",")) {
            String range = part.strip();
            int dash = range.indexOf('-');
            try {
                int first = Integer.parseInt(dash < 0 ? range : range.substring(0, dash));
                int last = dash < 0 ? first : Integer.parseInt(range.substring(dash + 1));
                if (first < 0 || last < first) {
                    throw new IllegalArgumentException("bad CPU range '" + range + "' in '" + trimmed + "'");
                }
                for (int cpu = first; cpu <= last; cpu++) {
                    cpus.add(cpu);
                }
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("bad CPU list entry '" + range + "' in '" + trimmed + "'", e);
            }
        }
        return List.copyOf(cpus);
    }

    /** @return the shortest CPU list text for {@code cpus} (need not be sorted) */
    public static String format(List<Integer> cpus) {
        List<Integer> sorted = new ArrayList<>(new TreeSet<>(cpus));
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < sorted.size(); ) {
            int j = i;
            while (j + 1 < sorted.size() && sorted.get(j + 1) == sorted.get(j) + 1) {
                j++;
            }
            if (!text.isEmpty()) {
                text.append(',');
            }
            text.append(sorted.get(i));
            if (j > i) {
                text.append('-').append(sorted.get(j));
            }
            i = j + 1;
        }
        return text.toString();
    }
}
