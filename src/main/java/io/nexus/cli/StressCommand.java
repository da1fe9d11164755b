package io.nexus.cli;

import io.nexus.app.Workbench;
import io.nexus.bench.RunControl;
import io.nexus.bench.RunMode;
import io.nexus.profile.TuningProfile;
import java.time.Duration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code nexus stress}: many threads until the duration or each thread's op count runs out; with
 * {@code --burst K}, K such bursts with a pause between; with {@code --rate}, ops issued on a schedule.
 */
@Command(name = "stress", mixinStandardHelpOptions = true,
        description = "Sustained load: threads x duration x ops-per-thread, bursts, or a constant rate.")
final class StressCommand extends RunCommand {
    @Option(names = {"--threads", "--connections"}, paramLabel = "N",
            description = "worker threads; for http, connections (over one event loop per 4 CPUs) (default: the profile's, else one per CPU)")
    Integer threads;

    @Option(names = "--duration", paramLabel = "SECONDS", defaultValue = "10", converter = SecondsConverter.class,
            description = "measured time, per burst with --burst (default: ${DEFAULT-VALUE} s)")
    Duration duration;

    @Option(names = "--ops-per-thread", paramLabel = "OPS", defaultValue = "0",
            description = "stop each thread after this many measured ops, if that comes before the duration")
    long opsPerThread;

    @Option(names = "--burst", paramLabel = "K", description = "run K bursts of --duration seconds")
    Integer bursts;

    @Option(names = "--burst-pause", paramLabel = "SECONDS", defaultValue = "1", converter = SecondsConverter.class,
            description = "pause between bursts (default: ${DEFAULT-VALUE} s)")
    Duration burstPause;

    @Option(names = "--rate", paramLabel = "OPS_PER_S",
            description = "issue ops at this rate over all threads; latency is measured from each op's intended start")
    Double rate;

    StressCommand(Workbench workbench) {
        super(workbench);
    }

    @Override
    int execute(TuningProfile profile, RunControl control) throws Exception {
        if (bursts != null && rate != null) {
            throw new picocli.CommandLine.ParameterException(commandSpec.commandLine(), "--burst and --rate cannot be combined");
        }
        RunMode mode = rate != null ? RunMode.RATE : bursts != null ? RunMode.BURST : RunMode.STRESS;
        int workers = threads != null ? threads : profile.threadCount(Runtime.getRuntime().availableProcessors());
        return runAndPrint(options.spec(profile, mode, workers, duration, opsPerThread, bursts == null ? 1 : bursts, burstPause,
                rate == null ? 0 : rate), control);
    }
}
