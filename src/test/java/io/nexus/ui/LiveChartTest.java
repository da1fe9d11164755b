package io.nexus.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import javafx.scene.Scene;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.layout.StackPane;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;

/** A live chart fed once a second keeps every point in view, on axes that move only when the data outgrows them. */
@ExtendWith(ApplicationExtension.class)
class LiveChartTest {
    @Test
    void aLiveChartShowsEveryPointOnAxesThatMoveOnlyWhenOutgrown(FxRobot robot) {
        robot.interact(() -> {
            LineChart<Number, Number> chart = Charts.live("Throughput", "seconds", "ops/s");
            XYChart.Series<Number, Number> series = Charts.series("ops/s");
            chart.getData().add(series);
            new Scene(new StackPane(chart), 640, 400);
            NumberAxis y = (NumberAxis) chart.getYAxis();
            List<Number> yBounds = new ArrayList<>();
            y.upperBoundProperty().subscribe(bound -> yBounds.add(bound));
            SplittableRandom random = new SplittableRandom(3);
            for (int second = 1; second <= 60; second++) {
                double opsPerSecond = second == 1 ? 1.2e6 : second == 40 ? 3e6 : random.nextDouble(0.9e6, 1.4e6);
                Charts.append(series, List.of(new XYChart.Data<>(second, opsPerSecond)), 300, false);
                Charts.fitAxes(chart, 0);
                chart.applyCss();
                chart.layout();
                assertEveryPointInView(chart);
            }
            assertEquals(List.of(1.0, 1.5e6, 3e6), yBounds, "0 to 1 empty, to 1.5 M for the first second, to 3 M for the spike");
            series.getData().clear();
            Charts.fitAxes(chart, 40);
            assertEquals(1.0, y.getUpperBound(), "cleared for the next run");
            assertEquals(40.0, ((NumberAxis) chart.getXAxis()).getUpperBound(), "the next run's 40 s, not the last one's 60");
            series.getData().addAll(List.of(new XYChart.Data<>(1, 2e6), new XYChart.Data<>(2, Double.NaN)));
            Charts.fitAxes(chart, 40);
            assertEquals(2e6, y.getUpperBound(), "a point that is not a number does not hide the others");
        });
    }

    /** Every point of a live chart lies within its axes, which start at 0. */
    static void assertEveryPointInView(LineChart<?, ?> chart) {
        NumberAxis x = (NumberAxis) chart.getXAxis();
        NumberAxis y = (NumberAxis) chart.getYAxis();
        assertTrue(x.getLowerBound() == 0 && y.getLowerBound() == 0, "axes from 0: " + x.getLowerBound() + ", " + y.getLowerBound());
        chart.getData().stream().flatMap(s -> s.getData().stream()).forEach(point -> assertTrue(
                ((Number) point.getXValue()).doubleValue() <= x.getUpperBound() && ((Number) point.getYValue()).doubleValue() <= y.getUpperBound(),
                point + " on axes to " + x.getUpperBound() + " and " + y.getUpperBound()));
    }
}
