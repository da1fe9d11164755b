package io.nexus.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Round ranges that hold the data and do not flip while it moves inside them. */
class AxisRangeTest {
    @Test
    void theSmallestRoundRangeHoldsTheMaximum() {
        assertEquals(new AxisRange(1.5e6, 0.5e6), AxisRange.holding(1.1e6));
        assertEquals(new AxisRange(1e6, 0.2e6), AxisRange.holding(1e6), "a round maximum is its own bound");
        assertEquals(new AxisRange(8, 2), AxisRange.holding(7.9));
        assertEquals(new AxisRange(10, 2), AxisRange.holding(8.5));
        assertEquals(new AxisRange(0.03, 0.005), AxisRange.holding(0.025));
        assertEquals(new AxisRange(1, 0.2), AxisRange.holding(0), "no data: 0 to 1");
        assertEquals(new AxisRange(1, 0.2), AxisRange.holding(Double.NaN));
        assertEquals(new AxisRange(1, 0.2), AxisRange.holding(Double.POSITIVE_INFINITY));
        assertEquals(new AxisRange(1, 0.2), AxisRange.holding(Double.MIN_VALUE), "beyond any figure drawn");
        assertEquals(new AxisRange(0.3, 0.05), AxisRange.holding(0.25), "round below 1 too");
        assertEquals(new AxisRange(5e-6, 1e-6), AxisRange.holding(5e-6));
    }

    @Test
    void aRangeIsKeptWhileTheMaximumStaysInItsUpperHalf() {
        AxisRange range = AxisRange.holding(1.1e6);
        assertEquals(range, range.fit(1.4e6));
        assertEquals(range, range.fit(0.8e6));
        assertEquals(new AxisRange(2e6, 0.5e6), range.fit(1.6e6), "outgrown");
        assertEquals(new AxisRange(0.8e6, 0.2e6), range.fit(0.7e6), "fallen well below");
        assertEquals(new AxisRange(1, 0.2), range.fit(0), "cleared");
    }

    @Test
    void everyMaximumIsHeldInTheUpperHalfOfItsRangeWithWholeTicks() {
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < 100_000; i++) {
            double max = Math.pow(10, random.nextDouble(-6, 12));
            AxisRange range = AxisRange.holding(max);
            assertTrue(max <= range.upper() && max > range.upper() / 2, max + " in " + range);
            assertEquals(range, range.fit(max), "stable at once: " + max);
            double ticks = range.upper() / range.tickUnit();
            assertTrue(Math.abs(ticks - Math.rint(ticks)) < 1e-9 && Math.rint(ticks) >= 3 && Math.rint(ticks) <= 6, max + ": " + ticks + " ticks");
        }
    }
}
