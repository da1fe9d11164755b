package io.nexus.tuning;

/**
 * One generated configuration value with the reason for it.
 *
 * @param name    the setting's name as the target file spells it
 * @param value   its value as written in the file
 * @param why     one line saying where the value comes from
 * @param restart whether the target must restart (not just reload) for it to take effect
 */
public record Setting(String name, String value, String why, boolean restart) {
}
