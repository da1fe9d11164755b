package io.nexus.store;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Where results are kept: a JDBC URL with credentials. By default an H2 file in the user's data
 * directory, which needs no set-up and can be opened by a window and a command line at once
 * ({@code AUTO_SERVER}); a {@code jdbc:postgresql:} URL switches to a team's PostgreSQL.
 *
 * <p>Through a transaction-pooling PgBouncer, a server connection changes between transactions, so
 * server-side prepared statements and Flyway's session lock break: give the server's own URL as
 * {@code directUrl} ({@link #ENV_DIRECT}); the schema is then migrated over it, and the pooled URL gets
 * {@code prepareThreshold=0} (no named prepared statements) unless it sets its own.
 *
 * @param url       a {@code jdbc:h2:} or {@code jdbc:postgresql:} URL
 * @param user      user name, may be empty
 * @param password  password, may be empty
 * @param directUrl the PostgreSQL server itself when {@code url} goes through a pooler, else {@code null}
 */
public record StoreLocation(String url, String user, String password, String directUrl) {
    /** Environment variable that names the store for every process: a JDBC URL. */
    public static final String ENV_URL = "NEXUS_STORE";
    /** Environment variables with the store's credentials. */
    public static final String ENV_USER = "NEXUS_STORE_USER";
    public static final String ENV_PASSWORD = "NEXUS_STORE_PASSWORD";
    /** Environment variable with the server's own URL when {@link #ENV_URL} goes through a pooler (for migrations). */
    public static final String ENV_DIRECT = "NEXUS_STORE_DIRECT";

    public StoreLocation {
        Objects.requireNonNull(url, "url");
        if (!url.startsWith("jdbc:h2:") && !url.startsWith("jdbc:postgresql:")) {
            throw new IllegalArgumentException("store URL must start with jdbc:h2: or jdbc:postgresql:, got '" + url + "'");
        }
        user = user == null ? "" : user;
        password = password == null ? "" : password;
        directUrl = directUrl == null || directUrl.isBlank() ? null : directUrl;
        if (directUrl != null) {
            if (!url.startsWith("jdbc:postgresql:") || !directUrl.startsWith("jdbc:postgresql:")) {
                throw new IllegalArgumentException("a direct URL (" + ENV_DIRECT + ") is for a PostgreSQL store behind a pooler, got '"
                        + directUrl + "' beside '" + url + "'");
            }
            if (!url.contains("prepareThreshold=")) {
                url = url + (url.contains("?") ? "&" : "?") + "prepareThreshold=0";
            }
        }
    }

    /** A store reached directly (no pooler). */
    public StoreLocation(String url, String user, String password) {
        this(url, user, password, null);
    }

    /**
     * @return the H2 file {@code dataDir/results}, shared between processes ({@code AUTO_SERVER}) and
     *     written at every commit ({@code WRITE_DELAY=0}: H2's default 500 ms delay lost committed runs
     *     when a process was killed, see {@code CrashSafetyTest})
     */
    public static StoreLocation h2File(Path dataDir) {
        return new StoreLocation("jdbc:h2:file:" + dataDir.toAbsolutePath().resolve("results") + ";AUTO_SERVER=TRUE;WRITE_DELAY=0", "sa", "");
    }

    /** @return the user's data directory for Nexus Workbench ({@code $XDG_DATA_HOME/nexus-workbench} or {@code ~/.local/share/...}) */
    public static Path defaultDataDir() {
        String xdg = System.getenv("XDG_DATA_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".local", "share");
        return base.resolve("nexus-workbench");
    }

    /**
     * @param url the URL given on the command line or in the settings, or {@code null}
     * @return that URL, else {@link #ENV_URL}, else the default H2 file
     */
    public static StoreLocation resolve(String url) {
        String chosen = url != null ? url : System.getenv(ENV_URL);
        if (chosen == null || chosen.isBlank()) {
            return h2File(defaultDataDir());
        }
        return new StoreLocation(chosen, System.getenv(ENV_USER), System.getenv(ENV_PASSWORD), System.getenv(ENV_DIRECT));
    }

    /** @return whether this is a PostgreSQL store */
    public boolean isPostgres() {
        return url.startsWith("jdbc:postgresql:");
    }

    /** @return {@link #shortForm()}: messages name the store in a few words, never with its options or credentials */
    @Override
    public String toString() {
        return shortForm();
    }

    /**
     * @return the store in a few words for messages: {@code H2 /path/results} (the file, without H2's options) or
     *     {@code PostgreSQL host:port/database}
     */
    public String shortForm() {
        String bare = url.split("[;?]", 2)[0];
        if (bare.startsWith("jdbc:h2:")) {
            return "H2 " + bare.substring("jdbc:h2:".length()).replaceFirst("^file:", "");
        }
        return "PostgreSQL " + bare.replaceFirst("^jdbc:postgresql:(//)?", "");
    }

    /**
     * @return a directory name unique to this store (its URL without options, hashed, after a readable part), so runs spooled
     *     for one store are never written to another
     */
    public String spoolName() {
        String base = url.split("[;?]", 2)[0];
        String readable = base.replaceAll("^jdbc:", "").replaceAll("[^A-Za-z0-9.-]+", "_");
        try {
            byte[] hash = java.security.MessageDigest.getInstance("SHA-256").digest(base.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return readable.substring(Math.max(0, readable.length() - 40)) + "-" + java.util.HexFormat.of().formatHex(hash, 0, 6);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /** @return the H2 database file ({@code ...mv.db}) of an H2 file store, empty for PostgreSQL */
    public java.util.Optional<Path> h2File() {
        if (!url.startsWith("jdbc:h2:file:")) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(Path.of(url.substring("jdbc:h2:file:".length()).split(";", 2)[0] + ".mv.db"));
    }

    /**
     * @return this H2 file store opened for reading only (no shared server, no lock file, no writes), for a data directory
     *     that cannot be written; {@code null} for PostgreSQL, which needs no such thing
     */
    public StoreLocation readOnly() {
        if (!url.startsWith("jdbc:h2:file:")) {
            return null;
        }
        String file = url.substring("jdbc:h2:file:".length()).split(";", 2)[0];
        return new StoreLocation("jdbc:h2:file:" + file + ";ACCESS_MODE_DATA=r;FILE_LOCK=NO", user, password);
    }
}
