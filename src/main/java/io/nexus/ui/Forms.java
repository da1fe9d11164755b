package io.nexus.ui;

import java.util.function.UnaryOperator;
import javafx.beans.property.Property;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.control.TextFormatter;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.util.StringConverter;

/** Small builders for the screens' forms: labelled rows and number fields bound to view-model properties. */
public final class Forms {
    private Forms() {
    }

    /** @return a two-column grid for label/field rows */
    public static GridPane grid() {
        GridPane grid = new GridPane();
        grid.getStyleClass().add(Styles.FORM);
        grid.setHgap(8);
        grid.setVgap(6);
        ColumnConstraints fields = new ColumnConstraints();
        fields.setHgrow(Priority.ALWAYS);
        grid.getColumnConstraints().addAll(new ColumnConstraints(), fields);
        return grid;
    }

    /** Adds a labelled row to {@code grid}. */
    public static void row(GridPane grid, String label, Node field) {
        int row = grid.getRowCount();
        Label l = new Label(label);
        l.setMinWidth(Region.USE_PREF_SIZE); // labels are never clipped: the fields give way
        l.setLabelFor(field);
        grid.addRow(row, l, field);
    }

    /**
     * @return a text field bound both ways to a number property; text that is not a number of the
     *     property's kind is refused as it is typed
     */
    public static <T extends Number> TextField numberField(Property<T> property, StringConverter<T> converter, String id) {
        UnaryOperator<TextFormatter.Change> filter = change -> change.getControlNewText().matches("[0-9.eE+-]*") ? change : null;
        TextFormatter<T> formatter = new TextFormatter<>(converter, property.getValue(), filter);
        formatter.valueProperty().bindBidirectional(property);
        TextField field = new TextField();
        field.setTextFormatter(formatter);
        field.getProperties().put(Forms.class, property); // bidirectional bindings hold their ends weakly
        field.setId(id);
        field.setPrefColumnCount(8);
        return field;
    }
}
