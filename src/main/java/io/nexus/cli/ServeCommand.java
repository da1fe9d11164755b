package io.nexus.cli;

import io.nexus.api.NexusApi;
import io.nexus.app.Workbench;
import io.nexus.profile.ApiSettings;
import io.nexus.profile.TuningProfile;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code nexus serve}: the engine's HTTP API, until Ctrl-C or SIGTERM. */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {"Run the engine's HTTP API until Ctrl-C or SIGTERM: POST /compute/xor, /compute/sha256 (body: the input),"
                + " /compute/matrix ({\"n\": 512, \"seed\": 1}: 202 and a job to poll at GET /jobs/{id}), GET /metrics (Prometheus"
                + " text, or JSON with Accept: application/json), /health and /ready.",
            "Address, limits, cache and queue come from the profile's [api] section (loopback, port 8080, the guide's 1000 and"
                + " 100 requests/minute by default)."})
final class ServeCommand implements Callable<Integer> {
    @Option(names = "--profile", paramLabel = "NAME|FILE", description = "tuning profile: a name from the profiles directory or a file (default: default)")
    Path profile;

    @Option(names = "--port", paramLabel = "PORT", description = "listen on this port instead of the profile's api.port (0: any free port)")
    Integer port;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    private final Workbench workbench;

    ServeCommand(Workbench workbench) {
        this.workbench = workbench;
    }

    @Override
    public Integer call() throws Exception {
        TuningProfile p = workbench.loadProfile(profile);
        if (port != null) {
            p = p.withApi(p.api().withPort(port));
        }
        CountDownLatch stop = new CountDownLatch(1);
        CountDownLatch stopped = new CountDownLatch(1);
        Thread onSignal = Thread.ofPlatform().name("nexus-serve-stop").unstarted(() -> {
            stop.countDown();
            try {
                stopped.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        PrintWriter out = spec.commandLine().getOut();
        try {
            try (NexusApi api = workbench.serve(p)) {
                Runtime.getRuntime().addShutdownHook(onSignal);
                ApiSettings a = p.api();
                out.println("nexus serve: listening on " + api.uri("") + " (profile " + p.name() + "; limits " + limit(a.binaryPerMinute())
                        + " to xor and sha256, " + limit(a.heavyPerMinute()) + " to matrix, per client address; metrics cached "
                        + a.cacheTtlMillis() + " ms). Ctrl-C stops.");
                out.flush();
                stop.await();
            }
            out.println("nexus serve: stopped");
            out.flush();
        } finally {
            stopped.countDown();
        }
        return RunCommand.OK;
    }

    private static String limit(int perMinute) {
        return perMinute == 0 ? "no limit" : perMinute + "/minute";
    }
}
