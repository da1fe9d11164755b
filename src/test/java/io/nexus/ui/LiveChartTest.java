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
                assertInView(chart, second, opsPerSecond);
            }
            assertEquals(List.of(1.0, 1.5e6, 3e6), yBounds, "0 to 1 empty, to 1.5 M for the first second, to 3 M for the spike");
            series.getData().clear();
            Charts.fitAxes(chart, 0);
            assertEquals(1.0, y.getUpperBound(), "cleared for the next run");
        });
    }

    private static void assertInView(LineChart<Number, Number> chart, double x, double y) {
        NumberAxis xAxis = (NumberAxis) chart.getXAxis();
        NumberAxis yAxis = (NumberAxis) chart.getYAxis();
        assertTrue(xAxis.getLowerBound() == 0 && x <= xAxis.getUpperBound(), x + " s on an axis to " + xAxis.getUpperBound());
        assertTrue(yAxis.getLowerBound() == 0 && y <= yAxis.getUpperBound(), y + " ops/s on an axis to " + yAxis.getUpperBound());
    }
}
