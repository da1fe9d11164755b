package io.nexus.tuning;

import io.nexus.profile.FieldError;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@code pgbouncer.ini} for the guide's transaction pooling and the systemd drop-in that lets PgBouncer
 * open the file descriptors it needs. The server connections stay within what PostgreSQL accepts whatever
 * number of users connect ({@code max_db_connections}: pools are per database/user pair, so two users would
 * otherwise get two pools); JDBC clients work through it (pgjdbc's {@code extra_float_digits} startup
 * parameter is ignored, and prepared statements are tracked on PgBouncer 1.21 or later, while older ones
 * need {@code prepareThreshold=0} on the client). Pure; thread-safe.
 *
 * @param database       the database name clients ask for (and PgBouncer connects to)
 * @param serverHost     PostgreSQL's host
 * @param serverPort     PostgreSQL's port
 * @param listenPort     PgBouncer's port
 * @param maxClients     client connections PgBouncer accepts (the guide: 10000)
 * @param poolSize       server connections per database/user pair (the guide: 25)
 * @param reservePool    extra server connections when clients wait (the guide: 5)
 * @param maxConnections the PostgreSQL server's max_connections
 * @param nrOpen         the kernel's per-process descriptor ceiling (fs.nr_open) the pooler's limit must stay within
 * @param version        the PgBouncer release the file is for, as {@code major.minor} (Debian 12 has 1.18)
 */
public record PgBouncerTuning(String database, String serverHost, int serverPort, int listenPort, int maxClients, int poolSize,
                              int reservePool, int maxConnections, long nrOpen, String version) {
    /** Connections PostgreSQL keeps for superusers (its default superuser_reserved_connections). */
    public static final int SUPERUSER_RESERVED = 3;
    /** Connections left for direct clients beside the pooler (schema migrations, monitoring). */
    public static final int DIRECT_RESERVED = 2;
    /** The guide's pool and reserve. */
    public static final int GUIDE_POOL = 25;
    public static final int GUIDE_RESERVE = 5;
    /** Descriptors PgBouncer needs beyond its connections: listening sockets, log, DNS, its admin console. */
    private static final int SPARE_FILES = 64;

    /**
     * @return the guide's pool of 25, or less when the server takes fewer connections: what the pooler may
     *     open ({@link #serverConnections(int)}) less {@code reserve}, at least 1
     */
    public static int defaultPoolSize(int maxConnections, int reserve) {
        return Math.max(1, Math.min(GUIDE_POOL, serverConnections(maxConnections) - reserve));
    }

    /** @return the server connections the pooler may open in all: max_connections less the superuser and direct reserves */
    public static int serverConnections(int maxConnections) {
        return maxConnections - SUPERUSER_RESERVED - DIRECT_RESERVED;
    }

    /** @return the descriptors PgBouncer needs: every client, every server connection, and a few of its own */
    public long openFiles() {
        return (long) maxClients + serverConnections(maxConnections) + SPARE_FILES;
    }

    /** @return whether this PgBouncer tracks prepared statements in transaction mode (1.21 and later) */
    public boolean tracksPreparedStatements() {
        String[] parts = version.split("\\.");
        int major = Integer.parseInt(parts[0]);
        return major > 1 || Integer.parseInt(parts[1]) >= 21;
    }

    /** @return every problem, each named by its field; empty if the ini can be written */
    public List<FieldError> validate() {
        List<FieldError> e = new ArrayList<>();
        if (!database.matches("[A-Za-z_][A-Za-z0-9_]{0,62}")) {
            e.add(new FieldError("pooler.database", "must be a plain database name, got '" + database + "'"));
        }
        for (int[] port : new int[][] {{serverPort, 0}, {listenPort, 1}}) {
            if (port[0] < 1 || port[0] > 65535) {
                e.add(new FieldError(port[1] == 0 ? "pooler.server_port" : "pooler.listen_port", "must be in [1, 65535], got " + port[0]));
            }
        }
        if (!version.matches("\\d+\\.\\d+(\\.\\d+)?")) {
            e.add(new FieldError("pooler.version", "must be a PgBouncer version such as 1.18 or 1.22.1, got '" + version + "'"));
        }
        if (maxClients < 1) {
            e.add(new FieldError("pooler.max_client_conn", "must be at least 1, got " + maxClients));
        }
        if (poolSize < 1) {
            e.add(new FieldError("pooler.default_pool_size", "must be at least 1, got " + poolSize));
        }
        if (reservePool < 0) {
            e.add(new FieldError("pooler.reserve_pool_size", "must not be negative, got " + reservePool));
        }
        int usable = serverConnections(maxConnections);
        if (poolSize >= 1 && reservePool >= 0 && poolSize + reservePool > usable) {
            e.add(new FieldError("pooler.default_pool_size", "pool " + poolSize + " + reserve " + reservePool + " exceeds the "
                    + usable + " connections the pooler may open (max_connections " + maxConnections + " - " + SUPERUSER_RESERVED
                    + " for superusers - " + DIRECT_RESERVED + " for direct clients)"));
        }
        if (maxClients >= 1 && openFiles() > nrOpen) {
            e.add(new FieldError("pooler.max_client_conn", maxClients + " clients + " + usable + " server connections need " + openFiles()
                    + " file descriptors, over the kernel's fs.nr_open " + nrOpen));
        }
        return e;
    }

    /**
     * @return the ini, commented line by line
     * @throws TuningException naming each bad field
     */
    public String ini() throws TuningException {
        requireValid();
        String prepared = tracksPreparedStatements()
                ? "; prepared statements tracked across transactions (PgBouncer 1.21+): pgjdbc's server-side statements work\nmax_prepared_statements = 200\n"
                : "; PgBouncer " + version + " cannot track prepared statements in transaction mode: JDBC clients need prepareThreshold=0 in their URL\n";
        return """
                ; pgbouncer.ini generated by Nexus Workbench: the guide's transaction pooling, for PgBouncer %12$s
                [databases]
                ; clients ask for %1$s; all users together get at most %10$d server connections to it (max_db_connections below)
                %1$s = host=%2$s port=%3$d dbname=%1$s

                [pgbouncer]
                listen_addr = 127.0.0.1
                ; where clients connect instead of PostgreSQL's port
                listen_port = %4$d
                ; passwords are checked against PgBouncer's own list (the users' SCRAM secrets; mode 0600, owner postgres)
                auth_type = scram-sha-256
                auth_file = /etc/pgbouncer/userlist.txt
                ; a server connection returns to the pool after each transaction (no session state across transactions)
                pool_mode = transaction
                ; pgjdbc sends extra_float_digits at connect, which PgBouncer would refuse
                ignore_startup_parameters = extra_float_digits
                %13$s; client connections accepted; they and the server connections need %8$d file descriptors (the drop-in's LimitNOFILE)
                max_client_conn = %7$d
                ; server connections per database/user pair
                default_pool_size = %5$d
                ; extra server connections for bursts, used after clients waited reserve_pool_timeout seconds
                reserve_pool_size = %6$d
                reserve_pool_timeout = 3
                ; pools are per database/user: whatever the number of users, the database gets at most max_connections %9$d
                ; - %11$d for superusers - %14$d for direct clients (migrations, monitoring)
                max_db_connections = %10$d
                ; one user cannot take more than its pool and reserve
                max_user_connections = %15$d
                ; checks a server connection before reuse after it sat idle (the guide's pool_pre_ping)
                server_check_delay = 30
                """.formatted(database, serverHost, serverPort, listenPort, poolSize, reservePool, maxClients, openFiles(), maxConnections,
                serverConnections(maxConnections), SUPERUSER_RESERVED, version, prepared, DIRECT_RESERVED, poolSize + reservePool);
    }

    /**
     * @return the drop-in for Debian's {@code pgbouncer.service}
     *     ({@code /etc/systemd/system/pgbouncer.service.d/limits.conf}): its default of 1024 open files caps the clients near 1000
     * @throws TuningException naming each bad field
     */
    public String systemdDropIn() throws TuningException {
        requireValid();
        return """
                # Open files for PgBouncer: max_client_conn %d + %d server connections + %d of its own.
                # systemd's default (1024) would refuse clients past about a thousand with "Too many open files".
                # Apply: systemctl daemon-reload && systemctl restart pgbouncer
                [Service]
                LimitNOFILE=%d
                """.formatted(maxClients, serverConnections(maxConnections), SPARE_FILES, openFiles());
    }

    private void requireValid() throws TuningException {
        List<FieldError> errors = validate();
        if (!errors.isEmpty()) {
            throw new TuningException(errors);
        }
    }
}
