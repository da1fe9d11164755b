package io.nexus.profile;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/** A profile that cannot be read, or fails validation; names every bad field. */
public final class ProfileException extends Exception {
    private static final long serialVersionUID = 1L;
    private final transient List<FieldError> errors;

    /**
     * @param source the file, or {@code null} for a profile not read from a file
     * @param errors what is wrong, at least one
     */
    public ProfileException(Path source, List<FieldError> errors) {
        super((source == null ? "profile" : source.toString()) + ": "
                + errors.stream().map(FieldError::toString).collect(Collectors.joining("; ")));
        this.errors = List.copyOf(errors);
    }

    /** @return every error found, in file order */
    public List<FieldError> errors() {
        return errors;
    }
}
