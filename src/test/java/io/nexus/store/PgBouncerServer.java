package io.nexus.store;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A throwaway PgBouncer for tests, started from a generated pgbouncer.ini with only its machine-specific
 * lines changed (ports and the auth file), under the open-file limit a systemd drop-in would give it, as
 * the {@code postgres} user when the tests run as root. Users in its auth file have the password "secret".
 */
public final class PgBouncerServer implements AutoCloseable {
    /** The password of every user in the auth file. */
    public static final String PASSWORD = "secret";

    private final Process process;
    private final int port;
    private final Path log;

    private PgBouncerServer(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /**
     * @param ini        the generated pgbouncer.ini
     * @param serverPort PostgreSQL's port, in place of the file's 5432
     * @param openFiles  the process's open-file limit (LimitNOFILE)
     * @param users      the users to list in the auth file
     * @throws IOException if PgBouncer exits at once (its output in the message)
     */
    public static PgBouncerServer start(String ini, Path dir, int serverPort, long openFiles, List<String> users) throws IOException, InterruptedException {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Path userlist = dir.resolve("userlist.txt");
        StringBuilder list = new StringBuilder();
        users.forEach(u -> list.append('"').append(u).append("\" \"").append(PASSWORD).append("\"\n"));
        Files.writeString(userlist, list);
        String local = ini.replace("/etc/pgbouncer/userlist.txt", userlist.toString()).replace("port=5432", "port=" + serverPort)
                .replaceAll("(?m)^listen_port = \\d+", "listen_port = " + port)
                + "unix_socket_dir =\nlogfile = " + dir.resolve("pgbouncer.log") + "\n";
        Path file = dir.resolve("pgbouncer.ini");
        Files.writeString(file, local);
        new ProcessBuilder("chown", "-R", "postgres", dir.toString()).start().waitFor();
        // prlimit sets the limit as systemd's LimitNOFILE would (within what this process may grant); setpriv changes the user
        // without PAM, whose pam_limits would put back limits.conf's 1024
        long limit = Math.min(openFiles, hardOpenFileLimit());
        List<String> command = new ArrayList<>(List.of("prlimit", "--nofile=" + limit + ":" + limit, "--"));
        if ("root".equals(System.getProperty("user.name"))) {
            command.addAll(List.of("setpriv", "--reuid=postgres", "--regid=postgres", "--init-groups", "--"));
        }
        command.addAll(List.of("pgbouncer", file.toString()));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(dir.resolve("stdout.log").toFile()).start();
        PgBouncerServer server = new PgBouncerServer(p, port, dir.resolve("pgbouncer.log"));
        for (int i = 0; i < 100; i++) {
            if (!p.isAlive()) {
                throw new IOException("PgBouncer exited: " + Files.readString(dir.resolve("stdout.log")) + server.logText());
            }
            try (java.net.Socket _ = new java.net.Socket("127.0.0.1", port)) {
                return server;
            } catch (IOException notYet) {
                Thread.sleep(50);
            }
        }
        server.close();
        throw new IOException("PgBouncer did not listen on " + port + ": " + server.logText());
    }

    /** @return this process's hard limit of open files, which a child cannot exceed without CAP_SYS_RESOURCE */
    public static long hardOpenFileLimit() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/limits"))) {
            if (line.startsWith("Max open files")) {
                String hard = line.substring("Max open files".length()).strip().split("\\s+")[1];
                return hard.equals("unlimited") ? Long.MAX_VALUE : Long.parseLong(hard);
            }
        }
        return Long.MAX_VALUE;
    }

    /** @return the port clients connect to */
    public int port() {
        return port;
    }

    /** @return PgBouncer's log so far */
    public String logText() throws IOException {
        return Files.exists(log) ? Files.readString(log) : "";
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
