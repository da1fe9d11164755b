package io.nexus.ui.profiles;

import io.nexus.profile.ProfileKey;
import java.util.Optional;
import javafx.beans.property.Property;
import javafx.beans.value.ObservableValue;
import org.controlsfx.control.PropertySheet;

/**
 * One profile field in the ControlsFX property sheet, read and written through a view-model property; its
 * label (with unit), section and help come from {@link ProfileKey}, as the README's table of keys does.
 *
 * @param <T> the field's value type, which picks the sheet's editor
 */
final class FieldItem<T> implements PropertySheet.Item {
    private final ProfileKey key;
    private final Class<T> type;
    private final Property<T> property;

    FieldItem(ProfileKey key, Class<T> type, Property<T> property) {
        this.key = key;
        this.type = type;
        this.property = property;
    }

    /** @return the field's TOML name, e.g. {@code queue.capacity}: validation errors are keyed by it */
    String key() {
        return key.key();
    }

    @Override
    public Class<?> getType() {
        return type;
    }

    @Override
    public String getCategory() {
        return key.section();
    }

    /** @return the label with its unit, e.g. {@code Queue capacity (slots)} */
    @Override
    public String getName() {
        return key.label();
    }

    /** @return the TOML key (as the file and the error list spell it) and what the value means */
    @Override
    public String getDescription() {
        return key.key() + ": " + key.help();
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
