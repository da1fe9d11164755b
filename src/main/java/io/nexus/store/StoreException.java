package io.nexus.store;

/** The results store could not do what was asked; the message says what and why (e.g. the database is down). */
public final class StoreException extends Exception {
    private static final long serialVersionUID = 1L;

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
