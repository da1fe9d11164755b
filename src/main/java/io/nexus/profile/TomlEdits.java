package io.nexus.profile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Applies a profile's values to the TOML text it was read from, changing only what differs: a changed
 * value is rewritten in place (its line's indentation and trailing comment kept), a value no longer set
 * loses its line, and a value the file left to its default is added (at the end of its section, the
 * section added if missing, or as a dotted key beside the others where the file writes that table as dotted keys) only
 * when it now differs from that default. Comments, blank lines, order, sections and dotted keys stay as the user wrote
 * them. Handles the flat TOML of profiles: top-level keys, one level of {@code [section]}, scalar and
 * integer-array values. Stateless; thread-safe.
 */
final class TomlEdits {
    private static final Pattern SECTION = Pattern.compile("^\\s*\\[([A-Za-z0-9_.-]+)]\\s*(#.*)?$");
    private static final Pattern KEY = Pattern.compile("^(\\s*)([A-Za-z0-9_.-]+)(\\s*=\\s*)(.*)$");

    private TomlEdits() {
    }

    /**
     * @param original the file's text
     * @param meant    every value the file stood for when read (its own and the defaults it left out)
     * @param wanted   every value the file should now stand for: top-level values and one level of sections
     * @return the text with the values of {@code wanted}
     */
    static String apply(String original, ObjectNode meant, ObjectNode wanted) {
        Map<String, JsonNode> values = flatten(wanted);
        Map<String, JsonNode> before = flatten(meant);
        List<String> lines = new ArrayList<>(original.lines().toList());
        Set<String> seen = new HashSet<>();
        Map<String, Integer> sectionEnds = new LinkedHashMap<>();
        Set<String> dotted = new HashSet<>(); // tables the file writes as dotted keys (threads.count = 2), not as [threads]
        String section = "";
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            Matcher header = SECTION.matcher(line);
            if (header.matches()) {
                section = header.group(1);
                sectionEnds.put(section, i + 1);
                continue;
            }
            Matcher kv = KEY.matcher(line);
            if (!kv.matches() || line.strip().startsWith("#")) {
                continue;
            }
            String key = section.isEmpty() ? kv.group(2) : section + "." + kv.group(2);
            String[] valueAndComment = splitComment(kv.group(4));
            JsonNode value = values.get(key);
            seen.add(key);
            if (value == null) {
                lines.remove(i--);
                continue;
            }
            if (!literal(value).equals(normalize(valueAndComment[0]))) {
                lines.set(i, kv.group(1) + kv.group(2) + kv.group(3) + literal(value) + valueAndComment[1]);
            }
            if (!section.isEmpty()) {
                sectionEnds.put(section, i + 1);
            } else if (kv.group(2).contains(".")) {
                String table = kv.group(2).substring(0, kv.group(2).indexOf('.'));
                sectionEnds.put(table, i + 1);
                dotted.add(table);
            }
        }
        Map<String, List<String>> added = new LinkedHashMap<>();
        values.forEach((key, value) -> {
            if (!seen.contains(key) && (before.get(key) == null || !literal(before.get(key)).equals(literal(value)))) {
                int dot = key.indexOf('.');
                String sec = dot < 0 ? "" : key.substring(0, dot);
                added.computeIfAbsent(sec, s -> new ArrayList<>()).add((dotted.contains(sec) ? key : key.substring(dot + 1)) + " = " + literal(value));
            }
        });
        insert(lines, sectionEnds, added);
        return String.join("\n", lines) + "\n";
    }

    /** Puts the new keys at the end of their sections (top-level ones before the first section), new sections at the end. */
    private static void insert(List<String> lines, Map<String, Integer> sectionEnds, Map<String, List<String>> added) {
        List<Map.Entry<String, List<String>>> inPlace = new ArrayList<>();
        for (Map.Entry<String, List<String>> e : added.entrySet()) {
            if (e.getKey().isEmpty() || sectionEnds.containsKey(e.getKey())) {
                inPlace.add(e);
            }
        }
        // from the bottom up, so earlier positions stay valid
        inPlace.sort((a, b) -> Integer.compare(position(b.getKey(), lines, sectionEnds), position(a.getKey(), lines, sectionEnds)));
        for (Map.Entry<String, List<String>> e : inPlace) {
            lines.addAll(position(e.getKey(), lines, sectionEnds), e.getValue());
        }
        added.forEach((sec, keys) -> {
            if (!sec.isEmpty() && !sectionEnds.containsKey(sec)) {
                lines.add("");
                lines.add("[" + sec + "]");
                lines.addAll(keys);
            }
        });
    }

    private static int position(String section, List<String> lines, Map<String, Integer> sectionEnds) {
        if (!section.isEmpty()) {
            return sectionEnds.get(section);
        }
        for (int i = 0; i < lines.size(); i++) {
            if (SECTION.matcher(lines.get(i)).matches()) {
                return i;
            }
        }
        return lines.size();
    }

    private static Map<String, JsonNode> flatten(ObjectNode root) {
        Map<String, JsonNode> flat = new LinkedHashMap<>();
        root.properties().forEach(e -> {
            if (e.getValue().isObject()) {
                e.getValue().properties().forEach(inner -> flat.put(e.getKey() + "." + inner.getKey(), inner.getValue()));
            } else {
                flat.put(e.getKey(), e.getValue());
            }
        });
        return flat;
    }

    /** @return {value, " # comment"} of a line's right-hand side (a '#' inside a string is not a comment) */
    private static String[] splitComment(String rhs) {
        boolean quoted = false;
        for (int i = 0; i < rhs.length(); i++) {
            char c = rhs.charAt(i);
            if (c == '"' && (i == 0 || rhs.charAt(i - 1) != '\\')) {
                quoted = !quoted;
            } else if (c == '#' && !quoted) {
                int end = i;
                while (end > 0 && Character.isWhitespace(rhs.charAt(end - 1))) {
                    end--;
                }
                return new String[] {rhs.substring(0, end), rhs.substring(end)};
            }
        }
        return new String[] {rhs.strip(), ""};
    }

    /** @return a written value in the form {@link #literal} gives it, so equal values compare equal */
    private static String normalize(String value) {
        String v = value.strip();
        if (v.startsWith("'") && v.endsWith("'") && v.length() >= 2) {
            return quote(v.substring(1, v.length() - 1));
        }
        if (v.startsWith("[")) {
            return "[" + String.join(", ", v.substring(1, v.length() - 1).strip().isEmpty() ? List.of()
                    : List.of(v.substring(1, v.length() - 1).split("\\s*,\\s*")).stream().map(String::strip).toList()) + "]";
        }
        return v.startsWith("\"") ? v : v.replace("_", "");
    }

    private static String literal(JsonNode value) {
        if (value.isTextual()) {
            return quote(value.asText());
        }
        if (value.isArray()) {
            List<String> items = new ArrayList<>();
            value.forEach(item -> items.add(literal(item)));
            return "[" + String.join(", ", items) + "]";
        }
        return value.asText();
    }

    private static String quote(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
