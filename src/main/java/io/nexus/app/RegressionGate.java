package io.nexus.app;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A CI gate over a comparison: a run regressed when its throughput or p99 is worse than the baseline
 * beyond the noise and the threshold: the change's whole 95 % interval lies past the threshold. Gives a one-line
 * verdict, and JUnit XML and Markdown summaries for CI systems. Immutable.
 *
 * @param threshold the change that counts, as a fraction (0.05 = 5 %), in [0, 1)
 */
public record RegressionGate(double threshold) {
    /** The metrics the gate judges. */
    public static final List<RunComparison.Metric> JUDGED = List.of(RunComparison.Metric.THROUGHPUT, RunComparison.Metric.P99);

    public RegressionGate {
        if (!(threshold >= 0 && threshold < 1)) {
            throw new IllegalArgumentException("the threshold must be in [0 %, 100 %), got " + threshold * 100 + " %");
        }
    }

    /**
     * @param spec {@code worse-than=5%} (also {@code worse-than=0.05})
     * @return the gate it names
     * @throws IllegalArgumentException naming what is wrong with it
     */
    public static RegressionGate parse(String spec) {
        String prefix = "worse-than=";
        if (!spec.startsWith(prefix)) {
            throw new IllegalArgumentException("--fail-if takes worse-than=N%, got '" + spec + "'");
        }
        String value = spec.substring(prefix.length()).strip();
        try {
            return new RegressionGate(value.endsWith("%") ? Double.parseDouble(value.substring(0, value.length() - 1)) / 100 : Double.parseDouble(value));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--fail-if worse-than takes a percentage such as 5%, got '" + value + "'");
        }
    }

    /** @return every judged cell of every compared run that regressed */
    public List<RunComparison.Cell> regressions(RunComparison comparison) {
        List<RunComparison.Cell> found = new ArrayList<>();
        for (RunComparison.Row row : comparison.rows().subList(1, comparison.rows().size())) {
            for (RunComparison.Metric m : JUDGED) {
                if (row.cell(m).regressedBeyond(threshold)) {
                    found.add(row.cell(m));
                }
            }
        }
        return found;
    }

    /** @return one line: REGRESSION with what regressed, or OK with the judged changes */
    public String verdict(RunComparison comparison) {
        List<RunComparison.Cell> regressed = regressions(comparison);
        List<String> parts = new ArrayList<>();
        for (RunComparison.Row row : comparison.rows().subList(1, comparison.rows().size())) {
            for (RunComparison.Metric m : JUDGED) {
                RunComparison.Cell c = row.cell(m);
                parts.add(row.run().id().substring(0, 8) + " " + m.label() + " " + describe(c));
            }
        }
        return (regressed.isEmpty() ? "OK: nothing worse than " : "REGRESSION: worse than ") + percent(threshold) + " beyond noise"
                + (regressed.isEmpty() ? "" : " in " + regressed.size() + " of " + parts.size()) + ": " + String.join("; ", parts);
    }

    /** @return the change, its interval and verdict, e.g. {@code -20.3 % [-22.1 %, -18.5 %] worse} */
    public static String describe(RunComparison.Cell c) {
        String interval = Double.isNaN(c.low()) ? "" : " [" + percentSigned(c.low()) + ", " + percentSigned(c.high()) + "]";
        return percentSigned(c.change()) + interval + " " + c.verdict().words();
    }

    /** @return a JUnit XML report: one test case per compared run and judged metric, failed where it regressed */
    public String junitXml(RunComparison comparison) {
        List<RunComparison.Cell> regressed = regressions(comparison);
        StringBuilder cases = new StringBuilder();
        int count = 0;
        for (RunComparison.Row row : comparison.rows().subList(1, comparison.rows().size())) {
            for (RunComparison.Metric m : JUDGED) {
                RunComparison.Cell c = row.cell(m);
                count++;
                cases.append("  <testcase classname=\"nexus.compare.").append(xml(row.run().workload())).append("\" name=\"")
                        .append(xml(row.run().id().substring(0, 8) + " " + m.label())).append("\">");
                if (regressed.contains(c)) {
                    cases.append("<failure message=\"").append(xml(m.label() + " " + describe(c) + ", beyond " + percent(threshold))).append("\"/>");
                }
                cases.append("</testcase>\n");
            }
        }
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuite name=\"nexus compare\" tests=\"" + count + "\" failures=\"" + regressed.size()
                + "\">\n" + cases + "</testsuite>\n";
    }

    /** @return a Markdown summary: the verdict and a table of every metric of every compared run */
    public String markdown(RunComparison comparison) {
        StringBuilder md = new StringBuilder("## Benchmark comparison\n\n" + verdict(comparison) + "\n\n| run | metric | baseline | this run | change [95 % CI] |\n"
                + "|---|---|---:|---:|---|\n");
        RunComparison.Row base = comparison.rows().getFirst();
        for (RunComparison.Row row : comparison.rows().subList(1, comparison.rows().size())) {
            for (RunComparison.Metric m : RunComparison.Metric.values()) {
                md.append("| ").append(row.run().id(), 0, 8).append(" | ").append(m.label()).append(" | ")
                        .append(String.format(Locale.ROOT, "%,.0f", base.cell(m).value())).append(" | ")
                        .append(String.format(Locale.ROOT, "%,.0f", row.cell(m).value())).append(" | ").append(describe(row.cell(m))).append(" |\n");
            }
        }
        comparison.warnings().forEach(w -> md.append("\n> ").append(w).append('\n'));
        return md.append("\n").append(RunComparison.method()).append(".\n").toString();
    }

    private static String percent(double fraction) {
        return String.format(Locale.ROOT, "%.1f %%", fraction * 100);
    }

    private static String percentSigned(double fraction) {
        return String.format(Locale.ROOT, "%+.1f %%", fraction * 100);
    }

    private static String xml(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
