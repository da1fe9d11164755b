package io.nexus.bench;

import java.util.Locale;

/** Human-readable numbers for tables and reports: latencies with their unit, rates with SI prefixes. Stateless. */
public final class Units {
    private Units() {
    }

    /** @return e.g. {@code 850 ns}, {@code 1.25 µs}, {@code 3.40 ms}, {@code 1.20 s} */
    public static String nanos(double nanos) {
        if (nanos < 1_000) {
            return String.format(Locale.ROOT, "%.0f ns", nanos);
        }
        if (nanos < 1_000_000) {
            return String.format(Locale.ROOT, "%.2f µs", nanos / 1e3);
        }
        if (nanos < 1_000_000_000) {
            return String.format(Locale.ROOT, "%.2f ms", nanos / 1e6);
        }
        return String.format(Locale.ROOT, "%.2f s", nanos / 1e9);
    }

    /** @return e.g. {@code 12.3M}, {@code 950k}, {@code 61.2} */
    public static String rate(double perSecond) {
        if (perSecond >= 1e9) {
            return String.format(Locale.ROOT, "%.2fG", perSecond / 1e9);
        }
        if (perSecond >= 1e6) {
            return String.format(Locale.ROOT, "%.2fM", perSecond / 1e6);
        }
        if (perSecond >= 1e3) {
            return String.format(Locale.ROOT, "%.1fk", perSecond / 1e3);
        }
        return String.format(Locale.ROOT, "%.1f", perSecond);
    }
}
