package io.nexus.tuning;

/** What the database mostly does; the PostgreSQL sizing follows PGTune's profiles of the same names. */
public enum DatabaseWorkload {
    /** Web application: many short queries. */
    WEB,
    /** Online transaction processing. */
    OLTP,
    /** Data warehouse: few large analytic queries. */
    DW,
    /** A mix of the above. */
    MIXED,
    /** A developer's desktop sharing the machine with other programs. */
    DESKTOP
}
