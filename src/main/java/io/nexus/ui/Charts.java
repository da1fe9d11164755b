package io.nexus.ui;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import java.util.function.Function;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.util.StringConverter;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramIterationValue;

/** Chart builders shared by the screens: live time series and HdrHistogram's percentile plot, each saveable as PNG. */
public final class Charts {
    private Charts() {
    }

    /** @return a line chart without animation or symbols, for data that arrives in batches */
    public static LineChart<Number, Number> lines(String title, String xLabel, String yLabel) {
        NumberAxis x = new NumberAxis();
        x.setLabel(xLabel);
        x.setForceZeroInRange(false);
        NumberAxis y = new NumberAxis();
        y.setLabel(yLabel);
        LineChart<Number, Number> chart = new LineChart<>(x, y);
        chart.setTitle(title);
        chart.setAnimated(false);
        chart.setCreateSymbols(false);
        chart.setMinHeight(180);
        ChartImages.offerPng(chart);
        return chart;
    }

    /**
     * @return a line chart for live time series, both axes from 0 to an {@link AxisRange} instead of auto-ranging:
     *     call {@link #fitAxes} after each batch of points
     */
    public static LineChart<Number, Number> live(String title, String xLabel, String yLabel) {
        LineChart<Number, Number> chart = lines(title, xLabel, yLabel);
        for (NumberAxis axis : List.of((NumberAxis) chart.getXAxis(), (NumberAxis) chart.getYAxis())) {
            axis.setAutoRanging(false);
            axis.setLowerBound(0);
        }
        fitAxes(chart, 0);
        return chart;
    }

    /**
     * Fits the axes of a chart made by {@link #live} to its points (values >= 0; others are not drawn in view), the x
     * axis to at least {@code xSpan} (a run's planned seconds, so that its time axis stays put while it runs; 0 for
     * none): a range is kept while the largest value stays in its upper half (see {@link AxisRange#fit}), so every
     * point is in view and the ticks are computed again only when the range changes. A chart without points starts
     * afresh: the smallest range that holds {@code xSpan}, and 0 to 1.
     */
    public static void fitAxes(XYChart<Number, Number> chart, double xSpan) {
        fit((NumberAxis) chart.getXAxis(), chart, XYChart.Data::getXValue, xSpan);
        fit((NumberAxis) chart.getYAxis(), chart, XYChart.Data::getYValue, 0);
    }

    private static void fit(NumberAxis axis, XYChart<Number, Number> chart, Function<XYChart.Data<Number, Number>, Number> value,
            double atLeast) {
        OptionalDouble max = chart.getData().stream().flatMap(s -> s.getData().stream()).mapToDouble(d -> value.apply(d).doubleValue())
                .filter(Double::isFinite).max();
        AxisRange range = max.isEmpty() ? AxisRange.holding(atLeast)
                : new AxisRange(axis.getUpperBound(), axis.getTickUnit()).fit(Math.max(max.getAsDouble(), atLeast));
        axis.setUpperBound(range.upper());
        axis.setTickUnit(range.tickUnit());
    }

    /** @return a named, empty series */
    public static XYChart.Series<Number, Number> series(String name) {
        XYChart.Series<Number, Number> s = new XYChart.Series<>();
        s.setName(name);
        return s;
    }

    /**
     * Appends {@code points} to {@code series} in one change; past {@code max} points the series is halved, each pair
     * of neighbours kept as its more extreme point (the higher where {@code keepHigh}, for latencies; the lower
     * otherwise, for throughput dips) and the newest point kept as it is, so a long run costs a bounded layout and no
     * spike is averaged away. {@code max} is at least 2.
     */
    public static void append(XYChart.Series<Number, Number> series, List<XYChart.Data<Number, Number>> points, int max, boolean keepHigh) {
        List<XYChart.Data<Number, Number>> all = new ArrayList<>(series.getData());
        all.addAll(points);
        while (all.size() > max) {
            List<XYChart.Data<Number, Number>> halved = new ArrayList<>(all.size() / 2 + 2);
            int older = all.size() - 1; // the newest point is always drawn as it is
            for (int i = 0; i < older; i += 2) {
                if (i + 1 == older) {
                    halved.add(all.get(i));
                } else {
                    double a = all.get(i).getYValue().doubleValue();
                    double b = all.get(i + 1).getYValue().doubleValue();
                    halved.add((a >= b) == keepHigh ? all.get(i) : all.get(i + 1));
                }
            }
            halved.add(all.getLast());
            all = halved;
        }
        if (all.size() == series.getData().size() + points.size()) {
            series.getData().addAll(points);
        } else {
            series.getData().setAll(all);
        }
    }

    /**
     * The percentile distribution as HdrHistogram's plotter draws it: latency against percentile on a
     * "nines" axis, where x = log10(1 / (1 - p)), so 90 %, 99 %, 99.9 % are evenly spaced.
     *
     * @return a series of (nines, latency in µs) points from {@code histogram} (values in ns)
     */
    public static XYChart.Series<Number, Number> percentileSeries(String name, Histogram histogram) {
        XYChart.Series<Number, Number> series = series(name);
        if (histogram.getTotalCount() == 0) {
            return series;
        }
        for (HistogramIterationValue v : histogram.percentiles(5)) {
            double p = Math.min(v.getPercentileLevelIteratedTo(), 99.9999);
            series.getData().add(new XYChart.Data<>(nines(p), v.getValueIteratedTo() / 1000.0));
        }
        return series;
    }

    /** @return the x position of percentile {@code p} (0..100) on a nines axis */
    public static double nines(double p) {
        return Math.log10(100.0 / (100.0 - p));
    }

    /** @return a chart with a nines x axis labelled 0%, 90%, 99%, 99.9%, ... */
    public static LineChart<Number, Number> percentileChart(String title) {
        NumberAxis x = new NumberAxis(0, 6, 1);
        x.setLabel("percentile");
        x.setTickLabelFormatter(new StringConverter<>() {
            @Override
            public String toString(Number n) {
                double p = 100.0 - 100.0 / Math.pow(10, n.doubleValue());
                return new java.math.BigDecimal(p).setScale(4, java.math.RoundingMode.HALF_UP).stripTrailingZeros().toPlainString() + "%";
            }

            @Override
            public Number fromString(String s) {
                throw new UnsupportedOperationException();
            }
        });
        NumberAxis y = new NumberAxis();
        y.setLabel("latency (µs)");
        LineChart<Number, Number> chart = new LineChart<>(x, y);
        chart.setTitle(title);
        chart.setAnimated(false);
        chart.setCreateSymbols(false);
        chart.setMinHeight(200);
        ChartImages.offerPng(chart);
        return chart;
    }
}
