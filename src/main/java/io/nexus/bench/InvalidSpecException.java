package io.nexus.bench;

import io.nexus.profile.FieldError;
import java.util.List;
import java.util.stream.Collectors;

/** A run spec that cannot run; names every bad field by its command-line option. */
public final class InvalidSpecException extends Exception {
    private static final long serialVersionUID = 1L;
    private final transient List<FieldError> errors;

    /** @param errors what is wrong, at least one */
    public InvalidSpecException(List<FieldError> errors) {
        super(errors.stream().map(FieldError::toString).collect(Collectors.joining("; ")));
        this.errors = List.copyOf(errors);
    }

    /** @return every error found */
    public List<FieldError> errors() {
        return errors;
    }
}
