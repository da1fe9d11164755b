package io.nexus.cli;

import io.nexus.bench.Units;
import io.nexus.bench.RunResult;
import io.nexus.bench.SweepPoint;
import io.nexus.engine.measure.LatencySummary;
import io.nexus.engine.workload.Workload;
import io.nexus.engine.workload.Workloads;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;

/** Writes results as a text summary or CSV rows. Stateless apart from its stream. */
final class ResultPrinter {
    private static final String CSV_HEADER = "workload,size,mode,threads,batch,window,status,measured_s,ops,errors,ops_per_s,gflops,"
            + "p50_ns,p90_ns,p99_ns,p999_ns,max_ns,service_p50_ns,service_p99_ns,target_rate,achieved_rate,saturated";
    private final PrintWriter out;

    ResultPrinter(PrintWriter out) {
        this.out = out;
    }

    void text(RunResult r) {
        var s = r.spec();
        boolean overIo = Workloads.byName(s.workload()).filter(Workload::waitsOnIo).isPresent();
        String workers = overIo ? " connection" : " thread";
        out.printf(Locale.ROOT, "%s %s, size %d, %d%s%s, batch %d, window %d, profile %s: %s%n", s.mode().name().toLowerCase(Locale.ROOT),
                s.workload(), s.size(), s.threads(), workers, s.threads() == 1 ? "" : "s", s.batch(), s.window(), s.profile().name(), r.status());
        r.failure().ifPresent(f -> out.println("  failure: " + f));
        out.printf(Locale.ROOT, "  measured   %.2f s, %,d ops, %,d errors (%.4f %%)%n", r.measuredSeconds(), r.ops(), r.errors(), r.errorRate() * 100);
        out.printf(Locale.ROOT, "  throughput %s ops/s%s%s%n", Units.rate(r.opsPerSecond()),
                r.gflops() > 0 ? String.format(Locale.ROOT, ", %.2f GFLOP/s", r.gflops()) : "",
                r.bytesPerSecond() > 0 ? ", " + Units.rate(r.bytesPerSecond()) + "B/s" : "");
        r.rate().ifPresent(rate -> out.printf(Locale.ROOT, "  rate       target %s ops/s, achieved %s ops/s (%.1f %%)%s%n",
                Units.rate(rate.targetRate()), Units.rate(rate.achievedRate()), 100 * rate.achievedRate() / rate.targetRate(),
                rate.saturated() ? "  SATURATED: the engine could not keep up; latency includes the backlog" : ""));
        out.println("  latency    " + String.format(Locale.ROOT, "%-10s %10s %10s %10s %10s %10s %10s", "", "p50", "p90", "p99", "p99.9", "p99.99", "max"));
        latencyRow("response", r.response());
        latencyRow("service", r.service());
        for (String note : r.notes()) {
            out.println("  note: " + note);
        }
        var e = r.environment();
        out.printf(Locale.ROOT, "  machine    %s, %d cores, %d NUMA node%s; %s; %s%n", e.cpuModel(), e.cores(), e.numaNodes(),
                e.numaNodes() == 1 ? "" : "s", e.jvm(), e.os());
    }

    /** Prints the advisor's findings, one line each, and (for a run that is kept) the command that details them. */
    void findings(String runId, List<io.nexus.bench.Finding> findings, boolean kept) {
        if (findings.isEmpty()) {
            return;
        }
        out.println("  advisor    " + findings.size() + " finding" + (findings.size() == 1 ? "" : "s")
                + (kept ? " ('nexus advise " + runId.substring(0, 8) + "' gives the evidence and the profile change):" : ":"));
        findings.forEach(f -> out.println("             " + f.lines().getFirst()));
    }

    private void latencyRow(String name, LatencySummary l) {
        out.println("             " + String.format(Locale.ROOT, "%-10s %10s %10s %10s %10s %10s %10s", name, Units.nanos(l.p50()),
                Units.nanos(l.p90()), Units.nanos(l.p99()), Units.nanos(l.p999()), Units.nanos(l.p9999()), Units.nanos(l.max())));
    }

    void sweepText(List<SweepPoint> points, io.nexus.bench.SweepAxis axis) {
        out.printf(Locale.ROOT, "%8s %14s %9s %11s %10s %10s%n", axis == io.nexus.bench.SweepAxis.WORKERS ? "threads" : "server", "ops/s",
                "speedup", "efficiency", "p50", "p99");
        for (SweepPoint p : points) {
            out.printf(Locale.ROOT, "%8d %14s %8.2fx %10.1f%% %10s %10s%s%n", p.threads(), Units.rate(p.result().opsPerSecond()), p.speedup(),
                    p.efficiency() * 100, Units.nanos(p.result().response().p50()), Units.nanos(p.result().response().p99()),
                    p.result().status() == io.nexus.bench.RunStatus.COMPLETED ? "" : "  " + p.result().status());
        }
        if (!points.isEmpty()) {
            var e = points.getFirst().result().environment();
            out.printf(Locale.ROOT, "machine: %s, %d cores; speedup is against %d %s%s%n", e.cpuModel(), e.cores(),
                    points.getFirst().threads(), axis.label().replaceAll("s$", ""), points.getFirst().threads() == 1 ? "" : "s");
            out.println(io.nexus.bench.ScalabilityModel.summary(points));
        }
    }

    void csvHeader() {
        out.println(CSV_HEADER);
    }

    void csvRow(RunResult r) {
        var s = r.spec();
        var rate = r.rate();
        out.println(String.join(",", s.workload(), Integer.toString(s.size()), s.mode().name().toLowerCase(Locale.ROOT),
                Integer.toString(s.threads()), Integer.toString(s.batch()), Integer.toString(s.window()), r.status().name(),
                num(r.measuredSeconds()), Long.toString(r.ops()), Long.toString(r.errors()), num(r.opsPerSecond()), num(r.gflops()),
                Long.toString(r.response().p50()), Long.toString(r.response().p90()), Long.toString(r.response().p99()),
                Long.toString(r.response().p999()), Long.toString(r.response().max()), Long.toString(r.service().p50()),
                Long.toString(r.service().p99()), rate.map(x -> num(x.targetRate())).orElse(""),
                rate.map(x -> num(x.achievedRate())).orElse(""), rate.map(x -> Boolean.toString(x.saturated())).orElse("")));
    }

    private static String num(double v) {
        return String.format(Locale.ROOT, "%.3f", v);
    }
}
