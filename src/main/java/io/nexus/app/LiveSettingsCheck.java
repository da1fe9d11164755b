package io.nexus.app;

import io.nexus.tuning.PostgresTuning;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Compares a bundle's {@code nexus-tuning.conf} with what a running PostgreSQL has in effect
 * ({@code pg_settings}), so a file that was skipped, overridden by a later line or left waiting for a
 * restart is found: each setting is compared in PostgreSQL's own units. Stateless; blocking.
 */
public final class LiveSettingsCheck {
    private static final Pattern LINE = Pattern.compile("^\\s*([a-z_]+)\\s*=\\s*'([^']*)'");

    private LiveSettingsCheck() {
    }

    /** @return the settings of a nexus-tuning.conf, by name, in file order */
    public static Map<String, String> read(Path conf) throws IOException {
        Map<String, String> wanted = new LinkedHashMap<>();
        for (String line : Files.readAllLines(conf)) {
            Matcher m = LINE.matcher(line);
            if (m.find()) {
                wanted.put(m.group(1), m.group(2));
            }
        }
        return wanted;
    }

    /**
     * @return one line per setting of {@code wanted} that the server at {@code url} does not have in effect
     *     ("name: wanted X, in effect Y"), empty when all are
     * @throws SQLException if the server cannot be reached or queried
     */
    public static List<String> notInEffect(Map<String, String> wanted, String url, String user, String password) throws SQLException {
        List<String> problems = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(url, user, password);
             PreparedStatement ps = c.prepareStatement("SELECT setting, unit, pending_restart FROM pg_settings WHERE name = ?")) {
            for (Map.Entry<String, String> w : wanted.entrySet()) {
                ps.setString(1, w.getKey());
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        problems.add(w.getKey() + ": unknown to this server");
                        continue;
                    }
                    String setting = rs.getString(1);
                    String unit = rs.getString(2);
                    // PostgreSQL rounds a memory value to its unit (8kB pages for shared_buffers): within one unit is the value asked for
                    boolean same = unit != null && isMemory(unit)
                            ? Math.abs(Long.parseLong(setting) * unitBytes(unit) - PostgresTuning.bytes(w.getValue())) < unitBytes(unit)
                            : sameValue(setting, w.getValue());
                    if (!same) {
                        problems.add(w.getKey() + ": wanted " + w.getValue() + ", in effect " + setting + (unit == null ? "" : " x " + unit)
                                + (rs.getBoolean(3) ? " (changed, waits for a restart)" : ""));
                    }
                }
            }
        }
        return problems;
    }

    private static boolean isMemory(String unit) {
        return unit.endsWith("B");
    }

    private static long unitBytes(String unit) {
        String digits = unit.replaceAll("[^0-9]", "");
        return (digits.isEmpty() ? 1 : Long.parseLong(digits)) * PostgresTuning.bytes("1" + unit.replaceAll("[0-9]", ""));
    }

    private static boolean sameValue(String live, String wanted) {
        try {
            return Double.parseDouble(live) == Double.parseDouble(wanted);
        } catch (NumberFormatException notNumbers) {
            return live.toLowerCase(Locale.ROOT).equals(wanted.toLowerCase(Locale.ROOT));
        }
    }
}
