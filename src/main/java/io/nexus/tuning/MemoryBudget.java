package io.nexus.tuning;

import java.util.List;
import java.util.Locale;

/**
 * What a bundle commits of a host's RAM, item by item, at its worst moment (every connection sorting at
 * once, VACUUM and every autovacuum worker running), and the page cache left beside it. Immutable.
 *
 * @param ramBytes the host's RAM
 * @param items    the committed items, in table order
 */
public record MemoryBudget(long ramBytes, List<Item> items) {
    /**
     * One line of the budget.
     *
     * @param what  the memory's owner and kind
     * @param bytes its size
     * @param how   how the size follows from the bundle
     */
    public record Item(String what, long bytes, String how) {
    }

    public MemoryBudget {
        items = List.copyOf(items);
    }

    /** @return the sum of the items */
    public long committed() {
        return items.stream().mapToLong(Item::bytes).sum();
    }

    /** @return RAM left for the page cache (negative when over-committed) */
    public long pageCache() {
        return ramBytes - committed();
    }

    /** @return the budget as a Markdown table that adds up to the RAM */
    public String markdown() {
        StringBuilder md = new StringBuilder("| memory | size | of RAM | from |\n|---|---:|---:|---|\n");
        for (Item i : items) {
            md.append(row(i.what(), i.bytes(), i.how()));
        }
        md.append(row("**committed at the worst moment**", committed(), ""));
        md.append(row("page cache (what is left)", pageCache(), "the kernel's file cache; effective_cache_size counts on it"));
        md.append(row("**RAM**", ramBytes, ""));
        return md.toString();
    }

    private String row(String what, long bytes, String how) {
        return "| " + what + " | " + mib(bytes) + " | " + String.format(Locale.ROOT, "%.1f %%", 100.0 * bytes / ramBytes) + " | " + how + " |\n";
    }

    /** @return bytes as MiB with thousands separators */
    static String mib(long bytes) {
        return String.format(Locale.ROOT, "%,d MiB", Math.round(bytes / 1048576.0));
    }
}
