package io.nexus.cli;

import io.nexus.app.Workbench;
import io.nexus.bench.InvalidSpecException;
import io.nexus.profile.ProfileException;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code nexus} command line. Bad input exits with status 2 and one line saying which option or
 * profile field is wrong and why; a failed run exits 1, a cancelled one 130. No stack traces.
 */
@Command(name = "nexus", mixinStandardHelpOptions = true, version = "Nexus Workbench 0.1.0",
        description = "Benchmark, stress and tune the NexusEngine Omega engine.",
        subcommands = CommandLine.HelpCommand.class)
public final class NexusCli implements Runnable {
    /** Exit code for bad input. */
    static final int USAGE = 2;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** @return a command line on {@code workbench}, with its error handling set up */
    public static CommandLine commandLine(Workbench workbench) {
        CommandLine cli = new CommandLine(new NexusCli());
        cli.addSubcommand(new BenchmarkCommand(workbench));
        cli.addSubcommand(new SweepCommand(workbench));
        cli.addSubcommand(new StressCommand(workbench));
        cli.addSubcommand(new HistoryCommand(workbench));
        cli.addSubcommand(new ShowCommand(workbench));
        cli.addSubcommand(new AdviseCommand(workbench));
        cli.addSubcommand(new CompareCommand(workbench));
        cli.addSubcommand(new ReportCommand(workbench));
        cli.addSubcommand(new ExportCommand(workbench));
        cli.addSubcommand(new CalibrateCommand(workbench));
        cli.addSubcommand(new ServeCommand(workbench));
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        cli.setParameterExceptionHandler((e, args) -> {
            CommandLine where = e.getCommandLine();
            String help = where.getParent() == null ? "nexus --help" : "nexus " + where.getCommandName() + " --help";
            where.getErr().println("nexus: " + e.getMessage() + " (see '" + help + "')");
            return USAGE;
        });
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            PrintWriter err = commandLine.getErr();
            if (e instanceof io.nexus.store.StoreException) {
                err.println("nexus: " + e.getMessage());
                return RunCommand.FAILED;
            }
            if (e instanceof java.io.IOException failure) {
                err.println("nexus: " + io.nexus.app.IoErrors.describe(failure));
                return RunCommand.FAILED;
            }
            if (e instanceof ProfileException || e instanceof InvalidSpecException || e instanceof IllegalArgumentException
                    || e instanceof io.nexus.tuning.TuningException) {
                err.println("nexus: " + e.getMessage());
                return USAGE;
            }
            if (e instanceof CommandLine.ParameterException pe) {
                err.println("nexus: " + pe.getMessage());
                return USAGE;
            }
            err.println("nexus: " + (e.getMessage() == null ? e.toString() : e.getMessage()));
            return RunCommand.FAILED;
        });
        return cli;
    }

    /** Runs the command line and exits with its status. */
    public static void main(String[] args) {
        int status;
        try (Workbench workbench = Workbench.onThisMachine()) {
            status = commandLine(workbench).execute(args);
        }
        System.exit(status);
    }
}
