package io.nexus.ui;

/** Style-class names used by the views and defined in {@code workbench.css}: one place to rename them. */
public final class Styles {
    public static final String ROOT = "workbench";
    public static final String NAV_RAIL = "nav-rail";
    public static final String NAV_BUTTON = "nav-button";
    public static final String SCREEN = "screen";
    public static final String SCREEN_TITLE = "screen-title";
    public static final String FORM = "form";
    public static final String ERROR = "error-text";
    public static final String NOTE = "note-text";
    public static final String WARNING = "warning-text";
    /** One advisor finding's card. */
    public static final String FINDING = "finding";
    public static final String FINDING_TITLE = "finding-title";
    public static final String SUMMARY = "summary";
    public static final String SUMMARY_VALUE = "summary-value";
    public static final String ICON = "icon";
    public static final String INVALID = "invalid";
    /** Pseudo-class of a value the user's action would change (a sysctl the bundle sets differently from the host). */
    public static final String CHANGED = "changed";

    private Styles() {
    }
}
