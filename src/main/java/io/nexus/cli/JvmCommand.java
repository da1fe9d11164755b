package io.nexus.cli;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The command line that starts another JVM like this one: same executable, options and class path. Stateless. */
final class JvmCommand {
    /** The class a child JVM starts: the jar's entry point. */
    static final String MAIN_CLASS = "io.nexus.Main";

    private JvmCommand() {
    }

    /**
     * @param extraOptions JVM options added before this JVM's own
     * @param args         the arguments of {@link #MAIN_CLASS}
     */
    static List<String> likeThisOne(List<String> extraOptions, List<String> args) {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(extraOptions);
        command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), MAIN_CLASS));
        command.addAll(args);
        return command;
    }
}
