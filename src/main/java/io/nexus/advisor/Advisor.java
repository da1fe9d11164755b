package io.nexus.advisor;

import io.nexus.bench.Finding;
import io.nexus.bench.RunStatus;
import io.nexus.bench.ScalabilityModel;
import io.nexus.bench.SweepPoint;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Diagnoses a measured run: every {@link Rule} evaluated on its evidence, findings ordered most severe first (then in the
 * rules' order). Stateless; thread-safe.
 */
public final class Advisor {
    private Advisor() {
    }

    /**
     * @return what the rules find in each point of a sweep, by run id: each point alone, and the completed point with the
     *     most threads also with the sweep's USL model (its contention and coherency findings are the sweep's, said once)
     */
    public static Map<String, List<Finding>> adviseSweep(List<SweepPoint> points) {
        Map<String, List<Finding>> found = new LinkedHashMap<>();
        Optional<SweepPoint> widest = points.stream().filter(p -> p.result().status() == RunStatus.COMPLETED)
                .max(Comparator.comparingInt(SweepPoint::threads));
        Optional<ScalabilityModel> model = ScalabilityModel.fit(points);
        for (SweepPoint p : points) {
            boolean isWidest = widest.filter(p::equals).isPresent();
            found.put(p.result().id(), advise(new RunEvidence(p.result(), Optional.empty(), isWidest ? model : Optional.empty())));
        }
        return found;
    }

    /** @return whether {@code finding} came from a sweep's model (a run alone cannot find it again) */
    public static boolean fromSweep(Finding finding) {
        return finding.rule().equals(Rule.CONTENTION.id()) || finding.rule().equals(Rule.COHERENCY.id());
    }

    /** @return what the rules find in {@code evidence}, most severe first; empty for a clean run */
    public static List<Finding> advise(RunEvidence evidence) {
        return java.util.Arrays.stream(Rule.values()).flatMap(rule -> rule.check(evidence).stream())
                .sorted(Comparator.comparing(Finding::severity)).toList();
    }
}
