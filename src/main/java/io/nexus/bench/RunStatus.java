package io.nexus.bench;

/** How a run ended. */
public enum RunStatus {
    /** Ran to its duration or op count. */
    COMPLETED,
    /** Stopped by the operator; the result holds what was measured until then. */
    CANCELLED,
    /** Stopped by an error; the result holds what was measured until then and the reason. */
    FAILED
}
