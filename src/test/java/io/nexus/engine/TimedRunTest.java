package io.nexus.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TimedRunTest {
    @Test
    void aStallInsideARunShowsAsOneSlowFirstOpAndLaterOpsEndAsLateAsTheyCan() {
        TimedRun run = new TimedRun(100);
        run.close(1_000, 1_000 + 9 * 100 + 5_000_000, 10);
        assertEquals(5_000_000, run.firstServiceNanos(), "the first op absorbs the stall");
        assertEquals(100, run.laterServiceNanos());
        assertEquals(1_000 + 9 * 100 + 5_000_000, run.endOf(9), "the last op ends with the run");
        for (int i = 1; i < 10; i++) {
            assertEquals(100, run.endOf(i) - run.endOf(i - 1));
        }
    }

    @Test
    void aRunQuickerThanTypicalIsSpreadEvenlyAndEveryEndLiesInsideTheRun() {
        TimedRun run = new TimedRun(100);
        run.close(0, 500, 10);
        assertEquals(50, run.laterServiceNanos());
        assertEquals(50, run.firstServiceNanos());
        for (int i = 0; i < 10; i++) {
            assertTrue(run.endOf(i) > 0 && run.endOf(i) <= 500);
        }
        assertEquals(150, run.spanOf(3));
    }

    @Test
    void theTypicalTimeFollowsALastingChangeButBarelyMovesForOneStall() {
        TimedRun run = new TimedRun(100);
        run.close(0, 10_000_000, 10);
        assertTrue(run.laterServiceNanos() <= 100);
        run.close(0, 1_000, 10);
        assertTrue(run.laterServiceNanos() <= 107, "one stall moved it by at most 1/16 of 2x: " + run.laterServiceNanos());
        for (int i = 0; i < 100; i++) {
            run.close(0, 4_000, 10);
        }
        run.close(0, 4_000, 10);
        assertEquals(400, run.laterServiceNanos(), 2, "ops that now take 400 ns are no longer taken for stalls");
    }
}
