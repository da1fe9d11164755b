package io.nexus.ui;

import java.net.URL;

/** Finds the UI's resources and fails loudly, naming the resource, when one is missing. */
public final class Resources {
    private Resources() {
    }

    /** @return the URL of {@code name}, relative to this package */
    public static URL url(String name) {
        URL url = Resources.class.getResource(name);
        if (url == null) {
            throw new IllegalStateException("missing UI resource " + name + " next to " + Resources.class.getName());
        }
        return url;
    }

    /** @return the workbench stylesheet's URL as a string, for {@code Scene.getStylesheets()} */
    public static String stylesheet() {
        return url("workbench.css").toExternalForm();
    }
}
