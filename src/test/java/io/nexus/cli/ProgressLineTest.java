package io.nexus.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class ProgressLineTest {
    @Test
    void aPlannedRunShowsItsTotalAndTheTimeLeft() {
        ProgressLine planned = new ProgressLine(new PrintWriter(new StringWriter()), true, "xor", 300);
        assertEquals("  12.0/300 s, 4:48 left", planned.elapsed(12));
        assertEquals(" 300.0/300 s, 0:00 left", planned.elapsed(300));
        ProgressLine byOps = new ProgressLine(new PrintWriter(new StringWriter()), true, "xor", 0);
        assertEquals("  12.0 s", byOps.elapsed(12), "a run ended by its op count has no total");
    }
}
