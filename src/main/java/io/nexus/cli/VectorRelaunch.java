package io.nexus.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Gives {@code java -jar nexus.jar} the fast Vector API kernels: a jar manifest cannot add
 * {@code jdk.incubator.vector} to the JVM, so when it is missing this starts the same JVM once more with
 * {@code --add-modules jdk.incubator.vector} (and the same options, class path and arguments), passes
 * standard input and output through, and exits with the child's exit code. The child's incubator warning
 * (one fixed line the JVM prints and no flag silences) is dropped from its standard error; everything else
 * is passed through as it comes. A SIGINT reaches both processes (the terminal signals the whole group);
 * SIGTERM to this one is passed on, and this one waits for the child to print what it measured.
 *
 * <p>For {@code io.nexus.Main} only: it calls {@link System#exit}.
 */
public final class VectorRelaunch {
    /** Set on the child, so it never relaunches again. */
    static final String MARKER = "nexus.relaunched";
    /** The line the JVM prints on standard error when an incubator module is added. */
    static final String INCUBATOR_WARNING = "WARNING: Using incubator modules: jdk.incubator.vector";
    private static final String VECTOR_MODULE = "jdk.incubator.vector";

    private VectorRelaunch() {
    }

    /**
     * @return whether this JVM lacks the Vector API and may relaunch: not already a relaunched child, the
     *     module exists in this runtime, and the JVM was started from a class path (as {@code java -jar})
     */
    public static boolean needed() {
        return ModuleLayer.boot().findModule(VECTOR_MODULE).isEmpty()
                && System.getProperty(MARKER) == null
                && java.lang.module.ModuleFinder.ofSystem().find(VECTOR_MODULE).isPresent()
                && !System.getProperty("java.class.path", "").isEmpty();
    }

    /** Runs {@code args} in a child JVM with the Vector API and exits with its exit code. Never returns. */
    public static void relaunchAndExit(String[] args) {
        List<String> command = JvmCommand.likeThisOne(List.of("--add-modules=" + VECTOR_MODULE, "-D" + MARKER + "=true"),
                Arrays.asList(args));
        Process child;
        try {
            child = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.INHERIT)
                    .redirectOutput(ProcessBuilder.Redirect.INHERIT).start();
        } catch (IOException e) {
            return; // cannot start a JVM here: carry on in this one, with the scalar kernels
        }
        Thread stderr = Thread.ofPlatform().name("nexus-relaunch-stderr").daemon(true)
                .start(() -> passStandardError(child.getErrorStream(), System.err));
        Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().name("nexus-relaunch-stop").unstarted(() -> {
            if (child.isAlive()) {
                child.destroy();
                waitQuietly(child);
            }
        }));
        int exit = waitQuietly(child);
        try {
            stderr.join(TimeUnit.SECONDS.toMillis(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        System.exit(exit);
    }

    private static int waitQuietly(Process child) {
        while (true) {
            try {
                return child.waitFor();
            } catch (InterruptedException e) {
                child.destroy();
            }
        }
    }

    /** Copies {@code in} to {@code out} as it arrives, less a first line that is the incubator warning. */
    static void passStandardError(InputStream in, OutputStream out) {
        byte[] warning = (INCUBATOR_WARNING + System.lineSeparator()).getBytes(StandardCharsets.UTF_8);
        try (in) {
            byte[] head = in.readNBytes(warning.length);
            if (!Arrays.equals(head, warning)) {
                out.write(head);
                out.flush();
            }
            byte[] buffer = new byte[8192];
            int n;
            while ((n = in.read(buffer)) >= 0) {
                out.write(buffer, 0, n);
                out.flush();
            }
        } catch (IOException e) {
            // the child's standard error closed: nothing more to pass on
        }
    }
}
