package io.nexus.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import javafx.scene.chart.XYChart;
import org.junit.jupiter.api.Test;

/** Live series stay bounded and keep their extremes. */
class ChartsTest {
    private static List<XYChart.Data<Number, Number>> points(int from, int to, double spikeAt) {
        List<XYChart.Data<Number, Number>> points = new ArrayList<>();
        for (int i = from; i < to; i++) {
            points.add(new XYChart.Data<>(i, i == spikeAt ? 1_000.0 : 1.0));
        }
        return points;
    }

    @Test
    void aLongSeriesIsHalvedKeepingItsSpike() {
        XYChart.Series<Number, Number> series = Charts.series("p99");
        for (int tick = 0; tick < 50; tick++) {
            Charts.append(series, points(tick * 4, tick * 4 + 4, 101), 60, true);
        }
        assertTrue(series.getData().size() <= 60 && series.getData().size() > 30, "bounded: " + series.getData().size());
        assertEquals(1_000.0, series.getData().stream().mapToDouble(d -> d.getYValue().doubleValue()).max().orElseThrow(),
                "the one 1,000 among 200 points survives every halving");
        List<Double> xs = series.getData().stream().map(d -> d.getXValue().doubleValue()).toList();
        assertEquals(xs.stream().sorted().toList(), xs, "in time order");
        assertEquals(199.0, xs.getLast(), "the newest point is kept");
    }

    @Test
    void aShortSeriesIsKeptWhole() {
        XYChart.Series<Number, Number> series = Charts.series("ops/s");
        Charts.append(series, points(0, 10, -1), 60, false);
        assertEquals(10, series.getData().size());
    }
}
