package io.nexus.store;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A throwaway PostgreSQL server on loopback for tests: initdb into a temporary directory, start on a free
 * port, stop and start again on demand. Uses the machine's PostgreSQL binaries (Debian's
 * {@code postgresql} package, which .ci/run installs) and runs them as the {@code postgres} user when the
 * tests run as root (PostgreSQL refuses root).
 */
public final class PostgresServer implements AutoCloseable {
    private final Path bin;
    private final Path dataDir;
    private final int port;

    private PostgresServer(Path bin, Path dataDir, int port) {
        this.bin = bin;
        this.dataDir = dataDir;
        this.port = port;
    }

    public static PostgresServer start() throws IOException, InterruptedException {
        Path bin;
        try (Stream<Path> versions = Files.list(Path.of("/usr/lib/postgresql"))) {
            bin = versions.map(v -> v.resolve("bin")).filter(b -> Files.isExecutable(b.resolve("initdb"))).sorted()
                    .reduce((a, b) -> b).orElseThrow(() -> new IllegalStateException("no PostgreSQL under /usr/lib/postgresql: apt-get install postgresql"));
        }
        Path dir = Files.createTempDirectory("nexus-pg-");
        run("chown", "postgres", dir.toString());
        Path data = dir.resolve("data");
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        PostgresServer server = new PostgresServer(bin, data, port);
        server.asPostgres(bin.resolve("initdb").toString(), "-D", data.toString(), "--auth=trust", "--no-sync", "-U", "postgres");
        server.resume();
        return server;
    }

    /** Starts (again) the server on the same port and data. */
    public void resume() throws IOException, InterruptedException {
        asPostgres(bin.resolve("pg_ctl").toString(), "-D", dataDir.toString(), "-w", "-l", dataDir.getParent().resolve("log").toString(),
                "start", "-o", "-c listen_addresses=127.0.0.1 -p " + port + " -k " + dataDir.getParent() + " -c fsync=off");
    }

    /** Stops the server at once, as a crash or an outage would. */
    public void halt() throws IOException, InterruptedException {
        asPostgres(bin.resolve("pg_ctl").toString(), "-D", dataDir.toString(), "-w", "-m", "immediate", "stop");
    }

    /** Stops the server cleanly and starts it again: what a restart after a configuration change does. */
    public void restart() throws IOException, InterruptedException {
        asPostgres(bin.resolve("pg_ctl").toString(), "-D", dataDir.toString(), "-w", "-m", "fast", "stop");
        resume();
    }

    /** @return the data directory, which holds postgresql.conf (owned by the postgres user) */
    public Path dataDir() {
        return dataDir;
    }

    /** @return the server's log file */
    public Path log() {
        return dataDir.getParent().resolve("log");
    }

    /** @return the loopback port the server listens on */
    public int port() {
        return port;
    }

    /** @return the directory of the server's binaries (initdb, pg_ctl, postgres) */
    public Path bin() {
        return bin;
    }

    public StoreLocation location() {
        return new StoreLocation("jdbc:postgresql://127.0.0.1:" + port + "/postgres", "postgres", "");
    }

    /**
     * Runs {@code postgres -D dir -C name}: PostgreSQL parses the configuration in {@code dir} (a
     * postgresql.conf, which may include other files) and prints the value of {@code name}.
     *
     * @return exit code and output
     */
    public static String[] checkConfig(Path dir, String name) throws IOException, InterruptedException {
        Path bin;
        try (Stream<Path> versions = Files.list(Path.of("/usr/lib/postgresql"))) {
            bin = versions.map(v -> v.resolve("bin")).filter(b -> Files.isExecutable(b.resolve("postgres"))).sorted().reduce((a, b) -> b).orElseThrow();
        }
        run("chown", "-R", "postgres", dir.toString());
        List<String> command = new ArrayList<>();
        if ("root".equals(System.getProperty("user.name"))) {
            command.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        command.addAll(List.of(bin.resolve("postgres").toString(), "-D", dir.toString(), "-C", name));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes()).strip();
        p.waitFor(60, TimeUnit.SECONDS);
        return new String[] {Integer.toString(p.exitValue()), out};
    }

    private void asPostgres(String... command) throws IOException, InterruptedException {
        List<String> full = new ArrayList<>();
        if ("root".equals(System.getProperty("user.name"))) {
            full.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        full.addAll(List.of(command));
        run(full.toArray(String[]::new));
    }

    private static void run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + " failed: " + out);
        }
    }

    @Override
    public void close() throws IOException {
        try {
            halt();
        } catch (IOException alreadyStopped) {
            // stopped by the test
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
