package io.nexus;

import io.nexus.cli.NexusCli;
import io.nexus.cli.NoDisplay;
import io.nexus.cli.VectorRelaunch;
import io.nexus.ui.WorkbenchApp;

/**
 * The one entry point of {@code nexus.jar} and the installers: no arguments opens the workbench window,
 * anything else is a {@code nexus} command. Not an {@code Application} subclass, so JavaFX can start
 * from the class path. A JVM started without the Vector API ({@code java -jar}) runs itself once more with
 * it ({@link VectorRelaunch}), so every launch gets the fast kernels. Without a display the window is refused in
 * one line, not a stack trace.
 */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        boolean window = args.length == 0 || args[0].startsWith("--exit-after");
        if (window) {
            NoDisplay.exitIfSo();
        }
        if (VectorRelaunch.needed()) {
            VectorRelaunch.relaunchAndExit(args);
        }
        if (window) {
            WorkbenchApp.main(args);
        } else {
            NexusCli.main(args);
        }
    }
}
