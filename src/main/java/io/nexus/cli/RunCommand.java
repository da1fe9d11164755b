package io.nexus.cli;

import io.nexus.store.ResultArchive;
import io.nexus.store.ResultJson;
import io.nexus.store.StoredRun;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nexus.app.RunProfiler;
import io.nexus.app.Workbench;
import io.nexus.bench.Finding;
import io.nexus.bench.RunControl;
import io.nexus.bench.RunResult;
import io.nexus.bench.RunSpec;
import io.nexus.bench.RunStatus;
import io.nexus.profile.TuningProfile;
import java.io.PrintWriter;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;

/**
 * What every run command does: load the profile, build the spec, run it with a live progress line,
 * print the result, and on Ctrl-C cancel the run and still print what was measured.
 */
abstract class RunCommand implements Callable<Integer> {
    /** Exit code of a run that completed. */
    static final int OK = 0;
    /** Exit code of a run that failed. */
    static final int FAILED = 1;
    /** Exit code of a run cancelled by Ctrl-C (128 + SIGINT). */
    static final int CANCELLED = 130;

    @Mixin
    RunOptions options;

    @Spec
    picocli.CommandLine.Model.CommandSpec commandSpec;

    private final Workbench workbench;

    RunCommand(Workbench workbench) {
        this.workbench = workbench;
    }

    Workbench workbench() {
        return workbench;
    }

    PrintWriter out() {
        return commandSpec.commandLine().getOut();
    }

    /** @return a progress line on standard error, shown only when it is a terminal and the output is text */
    ProgressLine progress(String label, double plannedSeconds) {
        return new ProgressLine(commandSpec.commandLine().getErr(), System.console() != null && !options.json && !options.csv, label,
                plannedSeconds);
    }

    @Override
    public Integer call() throws Exception {
        if (options.repeat < 1 || options.repeat > Repeats.MAX) {
            throw new IllegalArgumentException("--repeat: must be in [1, " + Repeats.MAX + "], got " + options.repeat);
        }
        TuningProfile profile = workbench.loadProfile(options.profile);
        if (options.repeat > 1) {
            return Repeats.run(commandSpec.commandLine().getParseResult().originalArgs(), options.repeat, options.json, out());
        }
        RunControl control = new RunControl();
        CountDownLatch finished = new CountDownLatch(1);
        Thread onInterrupt = Thread.ofPlatform().name("nexus-cancel").unstarted(() -> {
            control.cancel();
            try {
                finished.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        Runtime.getRuntime().addShutdownHook(onInterrupt);
        try {
            return execute(profile, control);
        } finally {
            finished.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(onInterrupt);
            } catch (IllegalStateException shuttingDown) {
                // Ctrl-C: the hook is running and waits for the output printed above
            }
        }
    }

    /** Runs the command's runs and prints them; returns the exit code. */
    abstract int execute(TuningProfile profile, RunControl control) throws Exception;

    /** Runs one spec with a progress line and prints its result in the chosen format. */
    int runAndPrint(RunSpec spec, RunControl control) throws Exception {
        ProgressLine progress = progress(spec.workload(), spec.plannedMeasuredSeconds());
        RunProfiler.Profiled run;
        try {
            run = options.profileRun ? workbench.profiler().run(workbench.runner(), spec, progress, control)
                    : new RunProfiler.Profiled(workbench.runner().run(spec, progress, control), Optional.empty());
        } finally {
            progress.finish();
        }
        RunResult result = run.result();
        List<Finding> findings = workbench.advise(result, run.profile());
        PrintWriter out = out();
        ResultPrinter printer = new ResultPrinter(out);
        if (options.json) {
            ObjectNode tree = ResultJson.toTree(result);
            tree.set("findings", ResultJson.treeOf(findings));
            out.println(ResultJson.write(tree));
        } else if (options.csv) {
            printer.csvHeader();
            printer.csvRow(result);
        } else {
            printer.text(result);
            printer.findings(result.id(), findings, !options.noSave);
        }
        out.flush();
        save(StoredRun.of(result, run.profile(), findings));
        return exitCode(result.status());
    }

    /**
     * Keeps {@code result} in the store (or, if the store is down, in the spool until it is back). The
     * outcome is one line: on standard output with text output, on standard error when the run could
     * only be spooled.
     */
    void save(StoredRun run) throws java.io.IOException {
        if (options.noSave) {
            return;
        }
        report(workbench.archive(options.store.location()).save(run));
    }

    /** Says what became of a result kept: on standard output with text output, on standard error when it could not be stored. */
    void report(ResultArchive.Outcome outcome) {
        if (!outcome.stored()) {
            commandSpec.commandLine().getErr().println("nexus: " + outcome.message());
        } else if (!options.json && !options.csv) {
            out().println("  " + outcome.message());
        }
        out().flush();
    }

    static int exitCode(RunStatus status) {
        return switch (status) {
            case COMPLETED -> OK;
            case CANCELLED -> CANCELLED;
            case FAILED -> FAILED;
        };
    }
}
