package io.nexus.tuning;

import io.nexus.profile.FieldError;
import java.util.List;

/**
 * Open-file limits for the engine's user and service: {@code limits.conf} lines for login sessions and a
 * systemd drop-in for the service ({@code limits.conf} does not reach systemd services). Pure.
 */
public final class LimitsTuning {
    private LimitsTuning() {
    }

    /**
     * @param nofile the open-file limit, in [1024, nrOpen]
     * @param nrOpen the kernel's per-process ceiling (fs.nr_open) the limit must not exceed
     * @throws TuningException if the limit is out of range
     */
    public static void check(long nofile, long nrOpen) throws TuningException {
        if (nofile < 1024 || nofile > nrOpen) {
            throw new TuningException(List.of(new FieldError("os.nofile", "must be in [1024, fs.nr_open " + nrOpen + "], got " + nofile
                    + (nofile > nrOpen ? ": the kernel would refuse it (raise fs.nr_open in the sysctl file first)" : ""))));
        }
    }

    /** @return lines for /etc/security/limits.d/90-nexus.conf */
    public static String limitsConf(String user, long nofile, long nrOpen) throws TuningException {
        check(nofile, nrOpen);
        return """
                # Open files for %1$s's login sessions (PAM reads this; systemd services do not: see the drop-in)
                # soft: the default a process gets; hard: what it may raise itself to. Both within fs.nr_open %3$d.
                %1$s soft nofile %2$d
                %1$s hard nofile %2$d
                """.formatted(user, nofile, nrOpen);
    }

    /** @return a systemd drop-in, e.g. /etc/systemd/system/nexus-engine.service.d/limits.conf */
    public static String systemdDropIn(long nofile, long nrOpen) throws TuningException {
        check(nofile, nrOpen);
        return """
                # Open files for the service: systemd sets limits itself and ignores limits.conf.
                # Apply: systemctl daemon-reload && systemctl restart nexus-engine
                [Service]
                LimitNOFILE=%d
                """.formatted(nofile);
    }
}
