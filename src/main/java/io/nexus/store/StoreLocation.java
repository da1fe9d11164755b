package io.nexus.store;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Where results are kept: a JDBC URL with credentials. By default an H2 file in the user's data
 * directory, which needs no set-up and can be opened by a window and a command line at once
 * ({@code AUTO_SERVER}); a {@code jdbc:postgresql:} URL switches to a team's PostgreSQL.
 *
 * @param url      a {@code jdbc:h2:} or {@code jdbc:postgresql:} URL
 * @param user     user name, may be empty
 * @param password password, may be empty
 */
public record StoreLocation(String url, String user, String password) {
    /** Environment variable that names the store for every process: a JDBC URL. */
    public static final String ENV_URL = "NEXUS_STORE";
    /** Environment variables with the store's credentials. */
    public static final String ENV_USER = "NEXUS_STORE_USER";
    public static final String ENV_PASSWORD = "NEXUS_STORE_PASSWORD";

    public StoreLocation {
        Objects.requireNonNull(url, "url");
        if (!url.startsWith("jdbc:h2:") && !url.startsWith("jdbc:postgresql:")) {
            throw new IllegalArgumentException("store URL must start with jdbc:h2: or jdbc:postgresql:, got '" + url + "'");
        }
        user = user == null ? "" : user;
        password = password == null ? "" : password;
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
        return new StoreLocation(chosen, System.getenv(ENV_USER), System.getenv(ENV_PASSWORD));
    }

    /** @return whether this is a PostgreSQL store */
    public boolean isPostgres() {
        return url.startsWith("jdbc:postgresql:");
    }

    /** @return the URL without credentials, for messages */
    @Override
    public String toString() {
        return url;
    }
}
