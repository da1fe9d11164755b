package io.nexus.profile;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * One table of a TOML document being read: typed getters that fall back to a default when a key is
 * absent and collect an error (with the dotted key) when it has the wrong type. Not thread-safe; one
 * per read.
 */
final class TomlSection {
    private final String prefix;
    private final JsonNode node;
    private final List<FieldError> errors = new ArrayList<>();

    TomlSection(String prefix, JsonNode node) {
        this.prefix = prefix;
        this.node = node;
    }

    List<FieldError> errors() {
        return errors;
    }

    private String path(String key) {
        return prefix.isEmpty() ? key : prefix + "." + key;
    }

    /** @return the sub-table {@code key}; an empty one if absent, with an error if it is not a table */
    TomlSection section(String key) {
        JsonNode child = node.get(key);
        if (child != null && !child.isObject()) {
            errors.add(new FieldError(path(key), "must be a table [" + path(key) + "], got " + describe(child)));
            child = null;
        }
        return new TomlSection(path(key), child == null ? com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode() : child);
    }

    /** @return whether {@code key} holds exactly the string {@code word} (records nothing either way) */
    boolean holds(String key, String word) {
        JsonNode v = node.get(key);
        return v != null && v.isTextual() && v.textValue().equals(word);
    }

    String text(String key, String fallback) {
        JsonNode v = node.get(key);
        if (v == null) {
            return fallback;
        }
        if (!v.isTextual()) {
            errors.add(new FieldError(path(key), "must be a string, got " + describe(v)));
            return fallback;
        }
        return v.textValue();
    }

    Integer integer(String key, Integer fallback) {
        JsonNode v = node.get(key);
        if (v == null) {
            return fallback;
        }
        if (!v.isIntegralNumber() || !v.canConvertToInt()) {
            errors.add(new FieldError(path(key), "must be a whole number in [" + Integer.MIN_VALUE + ", " + Integer.MAX_VALUE
                    + "], got " + describe(v)));
            return fallback;
        }
        return v.intValue();
    }

    long longInteger(String key, long fallback) {
        JsonNode v = node.get(key);
        if (v == null) {
            return fallback;
        }
        if (!v.isIntegralNumber() || !v.canConvertToLong()) {
            errors.add(new FieldError(path(key), "must be a whole number, got " + describe(v)));
            return fallback;
        }
        return v.longValue();
    }

    List<Integer> integers(String key) {
        JsonNode v = node.get(key);
        if (v == null) {
            return List.of();
        }
        List<Integer> values = new ArrayList<>();
        if (v.isArray()) {
            for (JsonNode item : v) {
                if (!item.isIntegralNumber() || !item.canConvertToInt()) {
                    errors.add(new FieldError(path(key), "must be a list of whole numbers, got " + describe(item) + " in it"));
                    return List.of();
                }
                values.add(item.intValue());
            }
            return values;
        }
        errors.add(new FieldError(path(key), "must be a list such as [0, 1], got " + describe(v)));
        return List.of();
    }

    boolean bool(String key, boolean fallback) {
        JsonNode v = node.get(key);
        if (v == null) {
            return fallback;
        }
        if (!v.isBoolean()) {
            errors.add(new FieldError(path(key), "must be true or false, got " + describe(v)));
            return fallback;
        }
        return v.booleanValue();
    }

    /** @return the number, or {@code null} when absent or not a number (then an error is recorded) */
    Double decimal(String key) {
        JsonNode v = node.get(key);
        if (v == null) {
            return null;
        }
        if (!v.isNumber()) {
            errors.add(new FieldError(path(key), "must be a number, got " + describe(v)));
            return null;
        }
        return v.doubleValue();
    }

    /** @return the whole number, or {@code null} when absent */
    Long optionalLong(String key) {
        JsonNode v = node.get(key);
        if (v == null) {
            return null;
        }
        return longInteger(key, 0);
    }

    <E extends Enum<E>> E choice(String key, Class<E> type, E fallback) {
        String text = text(key, null);
        if (text == null) {
            return fallback;
        }
        for (E value : type.getEnumConstants()) {
            if (ProfileFiles.lower(value).equals(text.toLowerCase(Locale.ROOT))) {
                return value;
            }
        }
        errors.add(new FieldError(path(key), "must be one of " + Arrays.stream(type.getEnumConstants()).map(ProfileFiles::lower).toList()
                + ", got '" + text + "'"));
        return fallback;
    }

    /** Records an error for every key of this table not in {@code known}. */
    void rejectUnknown(String... known) {
        Set<String> allowed = new TreeSet<>(List.of(known));
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!allowed.contains(name)) {
                errors.add(new FieldError(path(name), "unknown key (known here: " + String.join(", ", allowed) + ")"));
            }
        }
    }

    private static String describe(JsonNode v) {
        if (v.isTextual()) {
            return "'" + v.textValue() + "'";
        }
        if (v.isObject()) {
            return "a table";
        }
        return v.toString();
    }
}
