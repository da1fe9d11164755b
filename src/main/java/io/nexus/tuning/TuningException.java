package io.nexus.tuning;

import io.nexus.profile.FieldError;
import java.util.List;
import java.util.stream.Collectors;

/** Inputs an exporter cannot turn into a safe configuration; names every bad field. Nothing is written. */
public final class TuningException extends Exception {
    private static final long serialVersionUID = 1L;
    private final transient List<FieldError> errors;

    public TuningException(List<FieldError> errors) {
        super(errors.stream().map(FieldError::toString).collect(Collectors.joining("; ")));
        this.errors = List.copyOf(errors);
    }

    public List<FieldError> errors() {
        return errors;
    }
}
