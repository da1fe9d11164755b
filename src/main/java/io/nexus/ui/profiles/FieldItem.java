package io.nexus.ui.profiles;

import java.util.Optional;
import javafx.beans.property.Property;
import javafx.beans.value.ObservableValue;
import org.controlsfx.control.PropertySheet;

/**
 * One profile field in the ControlsFX property sheet, read and written through a view-model property.
 *
 * @param <T> the field's value type, which picks the sheet's editor
 */
final class FieldItem<T> implements PropertySheet.Item {
    private final String key;
    private final String category;
    private final String name;
    private final String description;
    private final Class<T> type;
    private final Property<T> property;

    /**
     * @param key the field's TOML name, e.g. {@code queue.capacity}: validation errors are keyed by it
     */
    FieldItem(String key, String category, String name, String description, Class<T> type, Property<T> property) {
        this.key = key;
        this.category = category;
        this.name = name;
        this.description = description;
        this.type = type;
        this.property = property;
    }

    String key() {
        return key;
    }

    @Override
    public Class<?> getType() {
        return type;
    }

    @Override
    public String getCategory() {
        return category;
    }

    /** @return the field's name as the TOML file spells it, so the sheet, the file and the errors agree */
    @Override
    public String getName() {
        return key;
    }

    @Override
    public String getDescription() {
        return name + ": " + description;
    }

    @Override
    public Object getValue() {
        return property.getValue();
    }

    @Override
    public void setValue(Object value) {
        property.setValue(type.cast(value));
    }

    @Override
    public Optional<ObservableValue<?>> getObservableValue() {
        return Optional.of(property);
    }
}
