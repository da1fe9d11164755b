package io.nexus.cli;

import java.util.Arrays;
import java.util.Locale;
import picocli.CommandLine;

/**
 * Reads an enum constant written as a lower-case, hyphenated word ({@code self-paced} for
 * {@code SELF_PACED}), as profiles write them. Stateless.
 */
abstract class WordConverter<E extends Enum<E>> implements CommandLine.ITypeConverter<E> {
    private final Class<E> type;

    WordConverter(Class<E> type) {
        this.type = type;
    }

    @Override
    public E convert(String text) {
        for (E value : type.getEnumConstants()) {
            if (word(value).equals(text.toLowerCase(Locale.ROOT))) {
                return value;
            }
        }
        throw new CommandLine.TypeConversionException("'" + text + "' is not one of "
                + String.join(", ", Arrays.stream(type.getEnumConstants()).map(WordConverter::word).toList()));
    }

    static String word(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** {@code self-paced} or {@code queued}. */
    static final class EngineModeConverter extends WordConverter<io.nexus.engine.EngineMode> {
        EngineModeConverter() {
            super(io.nexus.engine.EngineMode.class);
        }
    }

    /** {@code auto}, {@code per-op}, {@code per-run} or {@code sampled}. */
    static final class TimingModeConverter extends WordConverter<io.nexus.engine.measure.TimingMode> {
        TimingModeConverter() {
            super(io.nexus.engine.measure.TimingMode.class);
        }
    }
}
