package io.nexus.tuning;

import io.nexus.profile.FieldError;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A sysctl drop-in ({@code /etc/sysctl.d/90-nexus.conf}) from the guide's kernel section, as a latency or
 * a throughput preset. A value never lowers what the host already has unless asked: a host tuned
 * higher by someone else keeps its value, and the comment says so. Pure; thread-safe.
 */
public final class SysctlTuning {
    /** The two presets. */
    public enum Preset { LATENCY, THROUGHPUT }

    private SysctlTuning() {
    }

    /**
     * @param current    the host's live values by key (as in /proc/sys, whitespace-separated fields); missing keys count as unknown
     * @param allowLower whether a preset value may lower a higher live value
     * @return the settings, in file order (the key as sysctl writes it, e.g. {@code net.core.somaxconn})
     */
    public static List<Setting> settings(Preset preset, Map<String, String> current, boolean allowLower) {
        Map<String, String[]> target = new LinkedHashMap<>();
        target.put("net.core.rmem_max", new String[] {"134217728", "largest socket receive buffer an application may ask for (128 MiB, the guide's)"});
        target.put("net.core.wmem_max", new String[] {"134217728", "largest socket send buffer (128 MiB)"});
        target.put("net.ipv4.tcp_rmem", new String[] {"4096 87380 134217728", "TCP receive buffer min/default/max: autotuning may grow to 128 MiB"});
        target.put("net.ipv4.tcp_wmem", new String[] {"4096 65536 134217728", "TCP send buffer min/default/max"});
        target.put("net.core.somaxconn", new String[] {"65535", "accept queue per listening socket (connection bursts)"});
        target.put("net.ipv4.tcp_max_syn_backlog", new String[] {"65535", "half-open connections queued during a SYN burst"});
        target.put("net.core.netdev_max_backlog", new String[] {preset == Preset.THROUGHPUT ? "16384" : "4096", "packets queued per CPU before the stack drops them"});
        target.put("fs.nr_open", new String[] {"1048576", "per-process file descriptor ceiling; must be >= LimitNOFILE / nofile (1000000)"});
        target.put("fs.file-max", new String[] {"2097152", "system-wide open files"});
        target.put("vm.swappiness", new String[] {preset == Preset.LATENCY ? "1" : "10", "swap only under real pressure: a swapped-out page costs milliseconds"});
        target.put("kernel.numa_balancing", new String[] {preset == Preset.LATENCY ? "0" : "1",
                preset == Preset.LATENCY ? "no page migration behind pinned workers' backs (their memory is first-touched on their node)"
                        : "let the kernel move pages to the node that uses them"});
        if (preset == Preset.LATENCY) {
            target.put("net.core.busy_poll", new String[] {"50", "poll the device for 50 µs before sleeping in select/poll (lower wake-up latency, more CPU)"});
            target.put("net.core.busy_read", new String[] {"50", "the same for blocking reads"});
        }
        List<Setting> settings = new ArrayList<>();
        target.forEach((key, v) -> {
            String live = current.get(key);
            String value = allowLower || live == null || isLowerIntended(key) ? v[0] : maxFields(v[0], live);
            String why = v[1] + (value.equals(v[0]) ? "" : "; kept the host's higher " + live);
            settings.add(new Setting(key, value, why, false));
        });
        return settings;
    }

    /** Keys where a lower value is the point (swappiness, NUMA balancing), so the host's higher value is not kept. */
    private static boolean isLowerIntended(String key) {
        return key.equals("vm.swappiness") || key.equals("kernel.numa_balancing");
    }

    /** @return field by field, the larger of the two values (tcp_rmem has three fields) */
    static String maxFields(String wanted, String live) {
        String[] a = wanted.trim().split("\\s+");
        String[] b = live.trim().split("\\s+");
        if (a.length != b.length) {
            return wanted;
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < a.length; i++) {
            out.append(i == 0 ? "" : " ").append(Math.max(Long.parseLong(a[i]), Long.parseLong(b[i])));
        }
        return out.toString();
    }

    /**
     * @return every value that is not a whole number (or a min/default/max triple in order) within the key's range
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
            for (long v : values) {
                if (v < 0 || v > Integer.MAX_VALUE) {
                    errors.add(new FieldError(s.name(), "must be in [0, 2^31 - 1], got " + v));
                }
            }
            if (s.name().equals("vm.swappiness") && values[0] > 200) {
                errors.add(new FieldError(s.name(), "must be in [0, 200], got " + values[0]));
            }
        }
        return errors;
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
