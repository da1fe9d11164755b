package io.nexus.bench;

import io.nexus.profile.ProfileKey;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One diagnosis of a run: which rule found it, how much it matters, the measured evidence, what to do, and the
 * profile values that would do it. Kept with the run in the store. Immutable.
 *
 * @param rule     the rule's id, lower-case words joined by {@code -} (e.g. {@code queue-wait})
 * @param severity how much it matters
 * @param title    what was found, one line
 * @param evidence the measured figures that show it, with their units
 * @param advice   what to change, in words
 * @param change   the profile values that make the change ({@link ProfileKey} to its value as the TOML file writes it,
 *                 unquoted), in order; empty where the change is not a profile's (a longer warm-up, a quieter machine)
 */
public record Finding(String rule, Severity severity, String title, String evidence, String advice, Map<ProfileKey, String> change) {
    /** How much a finding matters, most first. */
    public enum Severity {
        /** The figures measured are wrong or far off what the setup can do: fix this first. */
        PROBLEM,
        /** A cost or a risk worth removing. */
        WARNING,
        /** Context for reading the figures. */
        NOTE
    }

    public Finding {
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(severity, "severity");
        change = Collections.unmodifiableMap(new LinkedHashMap<>(change == null ? Map.of() : change));
    }

    /** @return the finding as text lines: severity and title, then evidence, advice and the profile values */
    public java.util.List<String> lines() {
        java.util.List<String> out = new java.util.ArrayList<>();
        out.add(severity.name().toLowerCase(java.util.Locale.ROOT) + " [" + rule + "]: " + title);
        out.add("  evidence: " + evidence);
        out.add("  advice: " + advice);
        change.forEach((key, value) -> out.add("  profile: " + key.key() + " = " + value));
        return out;
    }
}
