package io.nexus.cli;

import java.time.Duration;
import picocli.CommandLine;

/** Reads a duration given in seconds ({@code 3}, {@code 0.5}); rejects negatives and non-numbers. */
final class SecondsConverter implements CommandLine.ITypeConverter<Duration> {
    @Override
    public Duration convert(String value) {
        double seconds;
        try {
            seconds = Double.parseDouble(value);
        } catch (NumberFormatException e) {
            throw new CommandLine.TypeConversionException("'" + value + "' is not a number of seconds");
        }
        if (!(seconds >= 0) || seconds > 86_400) {
            throw new CommandLine.TypeConversionException("must be between 0 and 86400 seconds, got " + value);
        }
        return Duration.ofNanos(Math.round(seconds * 1e9));
    }
}
