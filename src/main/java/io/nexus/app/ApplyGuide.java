package io.nexus.app;

import io.nexus.tuning.MemoryBudget;
import java.util.Set;

/** The bundle's APPLY.md: the steps for the files it holds, in order, each with its rollback, and the memory budget. Pure. */
final class ApplyGuide {
    private ApplyGuide() {
    }

    /**
     * @param files    the bundle's file names
     * @param profile  the profile's name
     * @param budget   the host's memory budget
     * @param software the server versions the files are for
     * @return the Markdown text
     */
    static String markdown(Set<String> files, String profile, MemoryBudget budget, ExportBundle.Software software) {
        String pgConf = "/etc/postgresql/" + software.postgresMajor() + "/main";
        StringBuilder md = new StringBuilder("""
                # Applying this bundle

                Apply in this order, as root, on the host the bundle was made for; each step says how to roll it back.
                The engine runs one way: %s.

                """.formatted(files.contains("docker-compose.yml") ? "in a container (docker-compose.yml)"
                : files.contains("nexus-engine.service") ? "as a systemd service (nexus-engine.service)" : "as you start it (no service in this bundle)"));
        String psql = "sudo -u postgres psql -Atc";
        String[][] steps = {
                {"nexus-engine.service", "Prerequisites: the application installed from its .deb (it lands in /opt/nexus-workbench); "
                        + "`apt-get install numactl` if the unit's ExecStart starts with numactl.", "Rollback: nothing to undo."},
                {"90-nexus.conf", "Kernel: `cp 90-nexus.conf /etc/sysctl.d/ && sysctl --system`.",
                        "Rollback: delete the file, then `sysctl -p 90-nexus.previous.conf` (this host's values when the bundle was made;"
                        + " for a described host, a reboot restores the defaults)."},
                {"91-nexus-postgres.conf", "Database host's kernel (dirty pages, swappiness, huge pages for shared_buffers): "
                        + "`cp 91-nexus-postgres.conf /etc/sysctl.d/ && sysctl --system`, before PostgreSQL restarts (so the huge pages are"
                        + " there). Once PostgreSQL runs with the settings below, check the reservation covers it: `" + psql
                        + " 'SHOW shared_memory_size_in_huge_pages'` (PostgreSQL 15+) must not exceed vm.nr_hugepages.",
                        "Rollback: delete it and `sysctl --system` (the huge pages are freed at once)."},
                {"90-nexus-limits.conf", "Open files for logins: `cp 90-nexus-limits.conf /etc/security/limits.d/` (takes effect at the next login).",
                        "Rollback: delete it."},
                {"cpu.sh", "CPU governor (and transparent huge pages, where the script says): `sh cpu.sh`; it saves the values it finds "
                        + "under /run. For C-states see the end of the script.", "Rollback: `sh cpu.sh --restore`."},
                {"nexus-tuning.conf", "PostgreSQL: `cp nexus-tuning.conf " + pgConf + "/` (world-readable, as written), then append "
                        + "`include 'nexus-tuning.conf'` as the LAST line of " + pgConf + "/postgresql.conf (a later line wins over initdb's "
                        + "own settings; `include` stops the server with an error if the file cannot be read, where include_if_exists "
                        + "would skip it silently), and `systemctl restart postgresql` (settings marked [restart] need it). Or run "
                        + "nexus-tuning.sql (ALTER SYSTEM) and restart. Then check every setting is in effect: "
                        + "`PGUSER=<role> PGPASSWORD=<its password> nexus export --verify-live . --db jdbc:postgresql://127.0.0.1:5432/postgres` "
                        + "(a role with pg_read_all_settings; TCP logins need a password) lists each one that is not.",
                        "Rollback: remove the include line (or `ALTER SYSTEM RESET ALL`) and restart."},
                {"pgbouncer.ini", "PgBouncer: `mkdir -p /etc/systemd/system/pgbouncer.service.d && cp pgbouncer.service.d-limits.conf "
                        + "/etc/systemd/system/pgbouncer.service.d/limits.conf && systemctl daemon-reload`, `cp pgbouncer.ini /etc/pgbouncer/`, "
                        + "fill /etc/pgbouncer/userlist.txt (mode 0600, owner postgres), `systemctl restart pgbouncer`; point clients at port 6432. "
                        + "The workbench's own store through it, in /etc/nexus/store.env: NEXUS_STORE=jdbc:postgresql://127.0.0.1:6432/nexus_engine "
                        + "(the workbench adds prepareThreshold=0), NEXUS_STORE_DIRECT=jdbc:postgresql://127.0.0.1:5432/nexus_engine for its "
                        + "schema migrations, NEXUS_STORE_USER and NEXUS_STORE_PASSWORD (mode 0600).",
                        "Rollback: restore the previous pgbouncer.ini, delete the drop-in, `systemctl daemon-reload` and restart it."},
                {"nexus-sysusers.conf", "The engine's system user: `cp nexus-sysusers.conf /etc/sysusers.d/nexus.conf && systemd-sysusers`.",
                        "Rollback: `userdel` the user and delete the file."},
                {"99-nexus-cpu-dma-latency.rules", "CPU wake-up latency for the service's user: `cp 99-nexus-cpu-dma-latency.rules "
                        + "/etc/udev/rules.d/ && udevadm control --reload && udevadm trigger --name-match=cpu_dma_latency`.",
                        "Rollback: delete the rule and trigger again."},
                {"nexus-engine.service.d-limits.conf", "Open files for the service: `mkdir -p /etc/systemd/system/nexus-engine.service.d && "
                        + "cp nexus-engine.service.d-limits.conf /etc/systemd/system/nexus-engine.service.d/limits.conf`.",
                        "Rollback: delete it and `systemctl daemon-reload`."},
                {"nexus-engine.service", "The engine as a service, last (it stores its runs in the database above, if configured): "
                        + "`install -d /etc/nexus && cp " + profile + ".toml /etc/nexus/`, then "
                        + "`cp nexus-engine.service /etc/systemd/system/ && systemctl daemon-reload && systemctl enable --now nexus-engine`. "
                        + "Its results go to the H2 store in /var/lib/nexus-workbench unless /etc/nexus/store.env names PostgreSQL "
                        + "(after changing that file: `systemctl restart nexus-engine`).",
                        "Rollback: `systemctl disable --now nexus-engine` and delete the unit."},
                {"jvm.options", "JVM flags: `java @jvm.options ...` (already part of the service's ExecStart and the container's JAVA_OPTS).",
                        "Rollback: leave the file out."},
                {"docker-compose.yml", "The engine in a container: `cp -a /opt/nexus-workbench ./nexus-workbench` (the installed application; "
                        + "the Dockerfile copies it into a slim image), then `docker compose up -d --build` in this directory.",
                        "Rollback: `docker compose down`."}};
        int step = 1;
        for (String[] s : steps) {
            if (files.contains(s[0])) {
                md.append(step++).append(". ").append(s[1]).append("\n   ").append(s[2]).append("\n");
            }
        }
        md.append("\n## Memory budget\n\nWhat this bundle commits of the host's RAM at its worst moment, and the page cache left:\n\n")
                .append(budget.markdown());
        return md.toString();
    }
}
