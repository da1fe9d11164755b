/** Tuning profiles: the engine's settings as {@code profiles/*.toml}, validated with field-level errors. JDK and Jackson only. */
package io.nexus.profile;
