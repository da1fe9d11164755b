package io.nexus.ui.flame;

import io.nexus.app.FlameGraph;
import io.nexus.app.FlameGraph.Frame;
import io.nexus.ui.FxThread;
import io.nexus.ui.Styles;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.geometry.Pos;
import javafx.geometry.VPos;
import javafx.scene.Node;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.TextAlignment;

/**
 * A flame graph drawn on a canvas, as an icicle (all samples on top, callees below): hover names a frame with its
 * samples, a click zooms into it (its callers stay on top, full width), Reset zoom goes back, and the search field marks
 * every frame whose method contains the text and says what share of the samples they hold. A differential graph is
 * coloured red where a path's share grew against the baseline and blue where it shrank. UI thread only.
 */
public final class FlameGraphView {
    /** Height of one frame's row, px. */
    public static final double ROW = 18;
    private static final Font FONT = Font.font(11);
    private static final Color MATCH = Color.web("#d020d0");

    private final Canvas canvas = new Canvas(800, ROW);
    private final TextField search = new TextField();
    private final Label matched = new Label();
    private final Label hover = new Label();
    private final ObjectProperty<Frame> zoomed = new SimpleObjectProperty<>();
    private final Node root;
    private FlameGraph graph;

    public FlameGraphView() {
        FxThread.require();
        canvas.setId("flameCanvas");
        search.setId("flameSearch");
        search.setPromptText("search methods");
        matched.setId("flameMatched");
        hover.setId("flameHover");
        hover.getStyleClass().add(Styles.NOTE);
        Button reset = new Button("Reset zoom");
        reset.setId("flameReset");
        reset.disableProperty().bind(zoomed.isNull());
        reset.setOnAction(e -> zoomed.set(null));
        HBox bar = new HBox(8, search, matched, reset, hover);
        bar.setAlignment(Pos.CENTER_LEFT);
        ScrollPane scroll = new ScrollPane(canvas);
        scroll.setId("flameScroll");
        scroll.viewportBoundsProperty().subscribe(bounds -> {
            canvas.setWidth(Math.max(100, bounds.getWidth()));
            draw();
        });
        VBox.setVgrow(scroll, Priority.ALWAYS);
        root = new VBox(8, bar, scroll);
        search.textProperty().subscribe(this::draw);
        zoomed.subscribe(this::draw);
        canvas.setOnMouseMoved(e -> hover.setText(frameAt(e.getX(), e.getY()).map(this::describe).orElse("")));
        canvas.setOnMouseClicked(e -> frameAt(e.getX(), e.getY()).ifPresent(f -> zoomed.set(f.depth() == 0 ? null : f)));
    }

    public Node node() {
        return root;
    }

    /** Shows {@code flameGraph}, unzoomed; {@code null} shows nothing. */
    public void show(FlameGraph flameGraph) {
        graph = flameGraph;
        zoomed.set(null);
        canvas.setHeight(ROW * (graph == null ? 1 : graph.depth() + 1));
        draw();
    }

    /** Says what share of the samples the searched frames hold. */
    private void showMatched(String text) {
        matched.setText(graph == null || text == null || text.isBlank() ? ""
                : String.format(Locale.ROOT, "matched %.1f %% of samples", 100 * graph.matchedShare(text)));
    }

    /** @return the frame drawn at canvas point ({@code x}, {@code y}), if any */
    private Optional<Frame> frameAt(double x, double y) {
        if (graph == null) {
            return Optional.empty();
        }
        int depth = (int) (y / ROW);
        return visible().stream().filter(f -> f.depth() == depth).filter(f -> x >= left(f) && x < left(f) + width(f)).findFirst();
    }

    /** @return the frames drawn now: the zoomed frame's callers, then it and everything under it */
    private List<Frame> visible() {
        Frame z = focus();
        List<Frame> callers = graph.ancestors(z);
        return java.util.stream.Stream.concat(callers.stream(), graph.frames().stream().filter(z::covers)).toList();
    }

    private Frame focus() {
        return zoomed.get() == null ? graph.root() : zoomed.get();
    }

    private double left(Frame f) {
        Frame z = focus();
        return f.depth() < z.depth() ? 0 : (f.offset() - z.offset()) * canvas.getWidth() / Math.max(1, z.samples());
    }

    private double width(Frame f) {
        Frame z = focus();
        return f.depth() < z.depth() ? canvas.getWidth() : f.samples() * canvas.getWidth() / Math.max(1, z.samples());
    }

    private void draw() {
        showMatched(search.getText());
        GraphicsContext g = canvas.getGraphicsContext2D();
        g.clearRect(0, 0, canvas.getWidth(), canvas.getHeight());
        if (graph == null) {
            return;
        }
        double maxDelta = graph.frames().stream().mapToDouble(f -> Math.abs(f.delta())).max().orElse(0);
        String text = search.getText();
        g.setFont(FONT);
        g.setTextBaseline(VPos.CENTER);
        g.setTextAlign(TextAlignment.LEFT);
        for (Frame f : visible()) {
            double w = width(f);
            if (w < 0.5) {
                continue;
            }
            double x = left(f);
            double y = f.depth() * ROW;
            g.setFill(FlameGraph.matches(f, text) ? MATCH : colour(f, maxDelta));
            g.fillRect(x, y, Math.max(0.5, w - 0.5), ROW - 1);
            if (w > 30) {
                g.setFill(Color.BLACK);
                g.fillText(fit(shortName(f.method()), w - 6), x + 3, y + ROW / 2, w - 6);
            }
        }
    }

    /** Warm colours from the method's name (stable between runs); in a diff, red for growth and blue for shrinkage. */
    private Color colour(Frame f, double maxDelta) {
        if (graph.differential()) {
            double strength = maxDelta == 0 ? 0 : Math.min(1, Math.abs(f.delta()) / maxDelta);
            return f.delta() >= 0 ? Color.rgb(255, (int) (235 - 175 * strength), (int) (235 - 175 * strength))
                    : Color.rgb((int) (235 - 175 * strength), (int) (235 - 175 * strength), 255);
        }
        int hash = f.method().hashCode();
        return Color.rgb(205 + Math.floorMod(hash, 50), 90 + Math.floorMod(hash >> 8, 130), 40 + Math.floorMod(hash >> 16, 40));
    }

    private String describe(Frame f) {
        String share = String.format(Locale.ROOT, "%s: %,d samples (%.1f %%)", f.method(), f.samples(),
                100.0 * f.samples() / Math.max(1, graph.root().samples()));
        return graph.differential() ? share + String.format(Locale.ROOT, ", %+.1f points against the baseline", 100 * f.delta()) : share;
    }

    /** @return {@code Type.method} of {@code package.Type.method} */
    private static String shortName(String method) {
        int dot = method.lastIndexOf('.', method.lastIndexOf('.') - 1);
        return dot < 0 ? method : method.substring(dot + 1);
    }

    /** @return {@code name}, cut with an ellipsis to about {@code width} px of the frame font */
    private static String fit(String name, double width) {
        int chars = (int) (width / 6.5);
        return name.length() <= chars ? name : chars < 2 ? "" : name.substring(0, chars - 1) + "…";
    }
}
