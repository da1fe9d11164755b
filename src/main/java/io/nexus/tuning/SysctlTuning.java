package io.nexus.tuning;

import io.nexus.profile.FieldError;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A sysctl drop-in ({@code /etc/sysctl.d/90-nexus.conf}) from the guide's kernel section, as a latency or
 * a throughput preset, level with tuned's profiles (throughput-performance; latency-performance and
 * network-latency), and the database host's drop-in after tuned's postgresql profile. A value never
 * lowers what the host already has unless asked, except where a lower value is the point (swappiness,
 * dirty-page limits, NUMA balancing, timer migration): a host tuned higher by someone else keeps its
 * value, and the comment says so. Values are compared as 64-bit numbers (systemd sets fs.file-max to
 * 2^63 - 1). Pure; thread-safe.
 */
public final class SysctlTuning {
    /** The two presets. */
    public enum Preset { LATENCY, THROUGHPUT }

    /** The kernel's ceiling of fs.nr_open on 64-bit Linux (INT_MAX rounded down to a multiple of 64). */
    static final long NR_OPEN_MAX = 2_147_483_584L;

    /** Keys where the preset's value is wanted even when the host's is higher. */
    private static final Set<String> EXACT = Set.of("vm.swappiness", "kernel.numa_balancing", "vm.dirty_ratio", "vm.dirty_background_ratio",
            "vm.dirty_bytes", "vm.dirty_background_bytes", "kernel.timer_migration", "net.ipv4.tcp_fastopen", "kernel.sched_autogroup_enabled",
            "vm.nr_hugepages");

    private SysctlTuning() {
    }

    /**
     * @param current    the host's live values by key (as in /proc/sys, whitespace-separated fields); missing keys count as
     *                   unknown; empty for a described host (another machine's readings must not be used)
     * @param allowLower whether a preset value may lower a higher live value
     * @return the settings, in file order (the key as sysctl writes it, e.g. {@code net.core.somaxconn})
     */
    public static List<Setting> settings(Preset preset, Map<String, String> current, boolean allowLower) {
        boolean latency = preset == Preset.LATENCY;
        Map<String, String[]> target = new LinkedHashMap<>();
        target.put("net.core.rmem_max", new String[] {"134217728", "largest socket receive buffer an application may ask for (128 MiB, the guide's)"});
        target.put("net.core.wmem_max", new String[] {"134217728", "largest socket send buffer (128 MiB)"});
        target.put("net.ipv4.tcp_rmem", new String[] {"4096 87380 134217728", "TCP receive buffer min/default/max: autotuning may grow to 128 MiB"});
        target.put("net.ipv4.tcp_wmem", new String[] {"4096 65536 134217728", "TCP send buffer min/default/max"});
        target.put("net.core.somaxconn", new String[] {"65535", "accept queue per listening socket (connection bursts)"});
        target.put("net.ipv4.tcp_max_syn_backlog", new String[] {"65535", "half-open connections queued during a SYN burst"});
        target.put("net.core.netdev_max_backlog", new String[] {latency ? "4096" : "16384", "packets queued per CPU before the stack drops them"});
        target.put("fs.nr_open", new String[] {"1048576", "per-process file descriptor ceiling; must be >= LimitNOFILE / nofile (1000000)"});
        target.put("fs.file-max", new String[] {"2097152", "system-wide open files"});
        target.put("vm.swappiness", new String[] {latency ? "1" : "10", latency ? "swap only under real pressure: a swapped-out page costs milliseconds"
                : "tuned's throughput-performance: swap little"});
        target.put("vm.dirty_ratio", new String[] {latency ? "10" : "40", "% of memory dirty before writers block (tuned's "
                + (latency ? "latency-performance: short writeback stalls" : "throughput-performance: fewer, larger writes") + ")"});
        target.put("vm.dirty_background_ratio", new String[] {latency ? "3" : "10", "% of memory dirty before background writeback starts (tuned's)"});
        target.put("kernel.numa_balancing", new String[] {latency ? "0" : "1",
                latency ? "no page migration behind pinned workers' backs (their memory is first-touched on their node)"
                        : "let the kernel move pages to the node that uses them"});
        if (latency) {
            target.put("net.core.busy_poll", new String[] {"50", "poll the device for 50 µs before sleeping in select/poll (lower wake-up latency, more CPU)"});
            target.put("net.core.busy_read", new String[] {"50", "the same for blocking reads"});
            target.put("net.ipv4.tcp_fastopen", new String[] {"3", "TCP Fast Open as client and server: data in the SYN saves a round trip (tuned's network-latency)"});
            target.put("kernel.timer_migration", new String[] {"0", "timers stay on the CPU that armed them (tuned's network-latency)"});
            target.put("vm.stat_interval", new String[] {"10", "VM statistics every 10 s, not every second: fewer interruptions (tuned's network-latency)"});
        }
        return resolve(target, current, allowLower);
    }

    /**
     * The database host's drop-in ({@code /etc/sysctl.d/91-nexus-postgres.conf}), after tuned's postgresql
     * profile: small absolute dirty-page limits (steady writeback beside the WAL), little swapping, no
     * autogroup scheduling between sessions, and huge pages reserved for shared_buffers when PostgreSQL
     * uses them. Sorted after 90-nexus.conf, so on a shared host these values win.
     *
     * @param hugePages 2 MiB huge pages to reserve, 0 for none
     */
    public static List<Setting> databaseSettings(long hugePages) {
        Map<String, String[]> target = new LinkedHashMap<>();
        target.put("vm.dirty_background_bytes", new String[] {"67108864", "background writeback from 64 MiB dirty (tuned's postgresql; sets dirty_background_ratio to 0)"});
        target.put("vm.dirty_bytes", new String[] {"536870912", "writers block at 512 MiB dirty (tuned's postgresql; sets dirty_ratio to 0)"});
        target.put("vm.swappiness", new String[] {"3", "tuned's postgresql: swap only under real pressure"});
        target.put("kernel.sched_autogroup_enabled", new String[] {"0", "no per-session scheduling groups: backends compete as equals (tuned's postgresql)"});
        if (hugePages > 0) {
            target.put("vm.nr_hugepages", new String[] {Long.toString(hugePages), "2 MiB huge pages for PostgreSQL's shared memory (huge_pages = try); check with"
                    + " postgres -C shared_memory_size_in_huge_pages"});
        }
        return resolve(target, Map.of(), true);
    }

    private static List<Setting> resolve(Map<String, String[]> target, Map<String, String> current, boolean allowLower) {
        List<Setting> settings = new ArrayList<>();
        target.forEach((key, v) -> {
            String live = current.get(key);
            String value = allowLower || live == null || EXACT.contains(key) ? v[0] : maxFields(v[0], live);
            String why = v[1] + (value.equals(v[0]) ? "" : "; kept the host's higher " + live);
            settings.add(new Setting(key, value, why, false));
        });
        return settings;
    }

    /** @return field by field, the larger of the two values (tcp_rmem has three fields); {@code wanted} if the live value is not numbers */
    static String maxFields(String wanted, String live) {
        String[] a = wanted.trim().split("\\s+");
        String[] b = live.trim().split("\\s+");
        if (a.length != b.length) {
            return wanted;
        }
        StringBuilder out = new StringBuilder();
        try {
            for (int i = 0; i < a.length; i++) {
                out.append(i == 0 ? "" : " ").append(Math.max(Long.parseLong(a[i]), Long.parseLong(b[i])));
            }
        } catch (NumberFormatException unreadable) {
            return wanted;
        }
        return out.toString();
    }

    /**
     * @return every value that is not a whole number (or a min/default/max triple in order) within the key's range:
     *     fs.file-max up to 2^63 - 1, fs.nr_open up to the kernel's 2147483584, ratios up to 100, others up to 2^31 - 1
     */
    public static List<FieldError> check(List<Setting> settings) {
        List<FieldError> errors = new ArrayList<>();
        for (Setting s : settings) {
            String[] fields = s.value().trim().split("\\s+");
            long[] values = new long[fields.length];
            try {
                for (int i = 0; i < fields.length; i++) {
                    values[i] = Long.parseLong(fields[i]);
                }
            } catch (NumberFormatException e) {
                errors.add(new FieldError(s.name(), "must be whole numbers, got '" + s.value() + "'"));
                continue;
            }
            boolean triple = s.name().endsWith("_rmem") || s.name().endsWith("_wmem");
            if (triple && (values.length != 3 || values[0] > values[1] || values[1] > values[2])) {
                errors.add(new FieldError(s.name(), "must be min default max with min <= default <= max, got '" + s.value() + "'"));
            } else if (!triple && values.length != 1) {
                errors.add(new FieldError(s.name(), "must be one number, got '" + s.value() + "'"));
            }
            long max = max(s.name());
            for (long v : values) {
                if (v < 0 || v > max) {
                    errors.add(new FieldError(s.name(), "must be in [0, " + max + "], got " + v));
                }
            }
        }
        return errors;
    }

    /** @return the largest value the kernel takes for {@code key} */
    private static long max(String key) {
        return switch (key) {
            case "fs.file-max", "vm.dirty_bytes", "vm.dirty_background_bytes", "vm.nr_hugepages" -> Long.MAX_VALUE;
            case "fs.nr_open" -> NR_OPEN_MAX;
            case "vm.swappiness" -> 200;
            case "vm.dirty_ratio", "vm.dirty_background_ratio" -> 100;
            default -> Integer.MAX_VALUE;
        };
    }

    /** @return the drop-in file text, each key under its reason */
    public static String file(List<Setting> settings, String header) {
        StringBuilder text = new StringBuilder("# " + header + "\n# Apply: sysctl --system   (or sysctl -p this-file)\n\n");
        for (Setting s : settings) {
            text.append("# ").append(s.why()).append('\n').append(s.name()).append(" = ").append(s.value()).append('\n');
        }
        return text.toString();
    }
}
