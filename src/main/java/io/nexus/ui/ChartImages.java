package io.nexus.ui;

import io.nexus.app.IoErrors;
import io.nexus.app.PngFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import javafx.application.Platform;
import javafx.scene.chart.Chart;
import javafx.scene.control.Alert;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.MenuItem;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;

/**
 * Charts as PNG images: every chart of the window offers "Save as PNG…" on right-click. The snapshot is taken
 * on the UI thread; encoding and writing happen off it.
 */
public final class ChartImages {
    /** The menu item's text. */
    public static final String SAVE_AS_PNG = "Save as PNG…";

    private ChartImages() {
    }

    /** Gives {@code chart} a context menu that saves it as a PNG file the operator chooses. UI thread only. */
    static void offerPng(Chart chart) {
        MenuItem save = new MenuItem(SAVE_AS_PNG);
        save.setOnAction(e -> FileChoosers.saveAs(chart, "Save chart as PNG", fileName(chart), "PNG image", "png")
                .ifPresent(file -> CompletableFuture.runAsync(pixels(chart).writer(file)).exceptionally(failure -> {
                    Throwable cause = failure.getCause() == null ? failure : failure.getCause();
                    String why = cause instanceof java.io.UncheckedIOException io ? IoErrors.describe(io.getCause()) : String.valueOf(cause);
                    Platform.runLater(() -> new Alert(Alert.AlertType.ERROR, "The chart was not saved: " + why).show());
                    return null;
                })));
        ContextMenu menu = new ContextMenu(save);
        chart.setOnContextMenuRequested(e -> menu.show(chart, e.getScreenX(), e.getScreenY()));
    }

    private static String fileName(Chart chart) {
        String title = chart.getTitle() == null || chart.getTitle().isBlank() ? "chart" : chart.getTitle();
        return title.replaceAll("[^A-Za-z0-9.-]+", "-") + ".png";
    }

    /** @return the chart's pixels as it is drawn now. UI thread only. */
    public static Pixels pixels(Chart chart) {
        FxThread.require();
        WritableImage image = chart.snapshot(null, null);
        int width = (int) image.getWidth();
        int height = (int) image.getHeight();
        int[] argb = new int[width * height];
        image.getPixelReader().getPixels(0, 0, width, height, PixelFormat.getIntArgbInstance(), argb, 0, width);
        return new Pixels(width, height, argb);
    }

    /**
     * A snapshot's pixels, 0xAARRGGBB row by row. Immutable by convention (the array is not copied).
     *
     * @param width  pixels across
     * @param height pixels down
     * @param argb   the pixels
     */
    public record Pixels(int width, int height, int[] argb) {
        /** Writes them as a PNG file; any thread. @throws IOException if the file cannot be written */
        public void write(Path file) throws IOException {
            PngFiles.write(file, width, height, argb);
        }

        Runnable writer(Path file) {
            return () -> {
                try {
                    write(file);
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            };
        }
    }
}
