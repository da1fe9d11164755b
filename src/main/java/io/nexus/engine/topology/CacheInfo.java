package io.nexus.engine.topology;

import java.util.List;

/**
 * One CPU cache as the kernel describes it.
 *
 * @param level      1, 2, 3...
 * @param type       {@code Data}, {@code Instruction} or {@code Unified}
 * @param sizeBytes  capacity in bytes
 * @param sharedCpus the CPUs that share this cache
 */
public record CacheInfo(int level, String type, long sizeBytes, List<Integer> sharedCpus) {
    public CacheInfo {
        sharedCpus = List.copyOf(sharedCpus);
    }

    /** @return e.g. {@code "L1d 32 KiB"}, {@code "L3 32 MiB (CPUs 0-1)"} */
    public String label() {
        String suffix = switch (type) {
            case "Data" -> "d";
            case "Instruction" -> "i";
            default -> "";
        };
        long kib = sizeBytes / 1024;
        String size = kib >= 1024 && kib % 1024 == 0 ? kib / 1024 + " MiB" : kib + " KiB";
        return "L" + level + suffix + " " + size + " (CPUs " + CpuList.format(sharedCpus) + ")";
    }
}
