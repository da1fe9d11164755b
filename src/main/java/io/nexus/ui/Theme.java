package io.nexus.ui;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import java.util.prefs.Preferences;
import javafx.application.Application;

/**
 * The window's look: AtlantaFX's Primer theme, light or dark, as the user-agent stylesheet under the
 * workbench's own ({@code workbench.css}, which takes its colours from the theme's). The choice is kept in the
 * user's preferences. UI thread only.
 */
public enum Theme {
    LIGHT(new PrimerLight().getUserAgentStylesheet()),
    DARK(new PrimerDark().getUserAgentStylesheet());

    private static final String KEY = "theme";
    private final String stylesheet;

    Theme(String stylesheet) {
        this.stylesheet = stylesheet;
    }

    /** @return the theme the user chose last, light at first */
    public static Theme saved() {
        try {
            return valueOf(preferences().get(KEY, LIGHT.name()));
        } catch (IllegalArgumentException unknown) {
            return LIGHT;
        }
    }

    /** Applies this theme to every window of the application and keeps it as the user's choice. */
    public void apply() {
        FxThread.require();
        Application.setUserAgentStylesheet(stylesheet);
        preferences().put(KEY, name());
    }

    /** @return whether this theme is the one applied now */
    public boolean isApplied() {
        return stylesheet.equals(Application.getUserAgentStylesheet());
    }

    /** @return the other theme */
    public Theme other() {
        return this == LIGHT ? DARK : LIGHT;
    }

    private static Preferences preferences() {
        return Preferences.userNodeForPackage(Theme.class);
    }
}
