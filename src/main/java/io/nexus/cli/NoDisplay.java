package io.nexus.cli;

import java.util.Optional;

/** The window's launch refused in one line, not a stack trace, where there is no display to open it on. */
public final class NoDisplay {
    private NoDisplay() {
    }

    /** Exits with status 1 and one line on standard error when {@link #why()} says the window cannot open. */
    public static void exitIfSo() {
        why().ifPresent(why -> {
            System.err.println("nexus: " + why);
            System.exit(RunCommand.FAILED);
        });
    }

    /** @return why the window cannot open here: Linux with neither X11 nor Wayland, and no headless platform asked for */
    static Optional<String> why() {
        String platform = System.getProperty("glass.platform", "");
        boolean headless = platform.equalsIgnoreCase("headless") || platform.equalsIgnoreCase("monocle");
        if (!System.getProperty("os.name", "").startsWith("Linux") || headless || !blank(System.getenv("DISPLAY"))
                || !blank(System.getenv("WAYLAND_DISPLAY"))) {
            return Optional.empty();
        }
        return Optional.of("no display to open the window on (neither DISPLAY nor WAYLAND_DISPLAY is set): start it in a desktop"
                + " session, or give a command (nexus --help)");
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
