package io.nexus.profile;

/**
 * One thing wrong with one field of a profile or a run's settings.
 *
 * @param field   the field's dotted path as written in the file, e.g. {@code queue.capacity}
 * @param message what is wrong and what is accepted, e.g. {@code must be a power of two, got 1000}
 */
public record FieldError(String field, String message) {
    @Override
    public String toString() {
        return field + ": " + message;
    }
}
