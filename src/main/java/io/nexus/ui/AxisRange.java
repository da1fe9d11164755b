package io.nexus.ui;

/**
 * The range of a live chart's axis: from 0 to {@code upper}, a round number (1, 1.5, 2, 3, 4, 5, 6 or 8 x 10^k), with
 * a tick every {@code tickUnit}. {@link #fit} keeps a range while the data's maximum stays in its upper half, so a chart
 * fed every second computes its ticks again only when the data outgrows the range or falls well below it. Auto-ranging
 * measures candidate tick labels on every update: with it the Run screen's UI thread took 3.8-4.3 % of a CPU in a
 * window's first sha256 run and 0.9-2.1 % in later ones, with these ranges 1.7-2.4 % and 0.7-1.5 % (headless platform,
 * 3 windows of 4 runs each, {@code GuiCostMain}). Immutable.
 *
 * @param upper    the axis's upper bound, > 0
 * @param tickUnit the distance between major ticks, dividing {@code upper} into 3 to 6 steps
 */
record AxisRange(double upper, double tickUnit) {
    /** Round upper bounds in one decade, each with its tick unit: the next is at most 1.5 times the last. */
    private static final double[][] STEPS = {{1, 0.2}, {1.5, 0.5}, {2, 0.5}, {3, 0.5}, {4, 1}, {5, 1}, {6, 1}, {8, 2}, {10, 2}};

    /** @return the smallest range that holds {@code max}; 0 to 1 where {@code max} is not within 10^-300..10^300 */
    static AxisRange holding(double max) {
        if (!(max >= 1e-300 && max <= 1e300)) {
            return new AxisRange(1, 0.2);
        }
        int exponent = (int) Math.floor(Math.log10(max));
        for (double[] step : STEPS) {
            if (scaled(step[0], exponent) >= max) {
                return new AxisRange(scaled(step[0], exponent), scaled(step[1], exponent));
            }
        }
        throw new AssertionError("the last step, 10 x 10^k, holds any max below 10^(k+1): " + max);
    }

    /** @return {@code m} x 10^{@code exponent}, divided rather than multiplied below 1 so that 3 x 10^-1 is 0.3 */
    private static double scaled(double m, int exponent) {
        double power = Math.pow(10, Math.abs(exponent));
        return exponent >= 0 ? m * power : m / power;
    }

    /**
     * @return this range while {@code max} is in its upper half (upper / 2 < max <= upper); otherwise the range that
     *     holds {@code max}, in whose upper half it then is (the steps grow by at most 1.5 times), so the data moving
     *     back and forth does not flip the range
     */
    AxisRange fit(double max) {
        return max <= upper && max > upper / 2 ? this : holding(max);
    }
}
