package io.nexus.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FlameGraphTest {
    private static final Map<String, Long> STACKS = Map.of("a;b;c", 3L, "a;b;d", 1L, "a;e", 2L, "f", 4L);

    private static String layout(FlameGraph g) {
        return String.join(" ", g.frames().stream().map(f -> f.method() + "@" + f.depth() + ":" + f.offset() + "+" + f.samples()).toList());
    }

    @Test
    void eachFrameSpansTheSamplesThroughItWithItsCalleesSideBySideBeneathIt() {
        FlameGraph g = FlameGraph.of(STACKS);
        assertEquals("all@0:0+10 a@1:0+6 b@2:0+4 c@3:0+3 d@3:3+1 e@2:4+2 f@1:6+4", layout(g));
        assertEquals(3, g.depth());
        FlameGraph.Frame d = g.frames().get(4);
        assertEquals(List.of("all", "a", "b"), g.ancestors(d).stream().map(FlameGraph.Frame::method).toList());
        assertTrue(g.frames().get(1).covers(d) && !g.frames().get(6).covers(d), "a covers its callee's callee, f does not");
        assertFalse(g.differential());
    }

    @Test
    void searchCountsEachSampleOnceHoweverManyMatchingFramesItsStackHas() {
        FlameGraph g = FlameGraph.of(Map.of("x.A.run;x.A.run;y.B.work", 2L, "y.B.work", 2L));
        assertEquals(0.5, g.matchedShare("A.RUN"), 1e-9, "recursion counted once, case-insensitive");
        assertEquals(0, g.matchedShare("nothing"));
        assertEquals(1.0, g.matchedShare("b.work"), 1e-9);
        assertEquals(0, g.matchedShare(" "), "blank matches nothing");
    }

    @Test
    void aDiffGivesEachPathItsChangeInShareAgainstTheBaseline() {
        FlameGraph g = FlameGraph.diff(Map.of("a;b;c", 1L, "f", 1L), STACKS);
        assertEquals(layout(FlameGraph.of(STACKS)), layout(g), "laid out as the current profile");
        Map<String, Double> delta = new java.util.HashMap<>();
        g.frames().forEach(f -> delta.put(f.method(), f.delta()));
        assertEquals(3 / 10.0 - 1 / 2.0, delta.get("c"), 1e-9, "c shrank from half of the samples to 30 %");
        assertEquals(0.2, delta.get("e"), 1e-9, "e is new: all of its share is growth");
        assertEquals(0.0, delta.get("all"), 1e-9);
        assertTrue(g.differential());
    }
}
