package io.github.sessionfilter.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Reads settings from a {@link SettingsSource} and converts them, collecting problems instead of
 * stopping at the first, so that one exception lists them all. Each settings group parses itself
 * through one parser; the converters every group needs live here once.
 */
final class SettingsParser {
    private static final Pattern CLASS_NAME = Pattern.compile("[\\p{L}_$][\\p{L}\\p{N}_$]*(\\.[\\p{L}_$][\\p{L}\\p{N}_$]*)*");

    final SettingsSource source;
    final List<String> problems = new ArrayList<>();

    SettingsParser(SettingsSource source) {
        this.source = source;
    }

    /** The setting's value, or its default, converted. */
    <T> T value(Setting setting, Function<String, T> parse) {
        String raw = source.raw(setting).or(setting::defaultValue).orElseThrow();
        return convert(setting, raw, parse);
    }

    /** The setting's value when set, converted. */
    <T> Optional<T> optional(Setting setting, Function<String, T> parse) {
        return source.raw(setting).map(raw -> convert(setting, raw, parse));
    }

    /** The setting's value; a problem when it is not set. */
    <T> T required(Setting setting, Function<String, T> parse) {
        Optional<String> raw = source.raw(setting);
        if (raw.isEmpty()) {
            problems.add(name(setting) + " is required but not set");
            return null;
        }
        return convert(setting, raw.get(), parse);
    }

    /** Whether no source sets the setting. */
    boolean isUnset(Setting setting) {
        return source.raw(setting).isEmpty();
    }

    private <T> T convert(Setting setting, String raw, Function<String, T> parse) {
        try {
            return parse.apply(raw);
        } catch (IllegalArgumentException e) {
            String shown = setting.isSecret() ? "(value hidden)" : "'" + raw + "'";
            problems.add(name(setting) + " " + shown + " " + e.getMessage());
            return null;
        }
    }

    /** {@code redis.uri (SESSION_REDIS_URI)}: how problems name a setting. */
    static String name(Setting setting) {
        return setting.key() + " (" + setting.environmentVariable() + ")";
    }

    /** A duration longer than zero. */
    static Duration positiveDuration(String text) {
        Duration d = DurationText.parse(text);
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException("must be positive");
        }
        return d;
    }

    /** One of an enum's constants, by name, ignoring case; {@code allowed} says which in the message. */
    static <E extends Enum<E>> E choice(String text, Class<E> type, String allowed) {
        try {
            return Enum.valueOf(type, text.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("must be " + allowed);
        }
    }

    /** Comma-separated items, blanks dropped. */
    static List<String> list(String text) {
        List<String> items = new ArrayList<>();
        for (String part : text.split(",")) {
            if (!part.isBlank()) {
                items.add(part.trim());
            }
        }
        return List.copyOf(items);
    }

    /** A fully qualified class name. */
    static String className(String text) {
        if (!CLASS_NAME.matcher(text.trim()).matches()) {
            throw new IllegalArgumentException("is not a class name");
        }
        return text.trim();
    }

    /** Comma-separated class names. */
    static List<String> classNames(String text) {
        List<String> names = list(text);
        for (String name : names) {
            if (!CLASS_NAME.matcher(name).matches()) {
                throw new IllegalArgumentException("'" + name + "' is not a class name");
            }
        }
        return names;
    }

    /** A whole number in {@code [min, max]}; {@code why} explains the bounds. */
    static int wholeNumber(String text, int min, int max, String why) {
        int value;
        try {
            value = Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("is not a whole number");
        }
        if (value < min || value > max) {
            throw new IllegalArgumentException("must be between " + min + " and " + max + " (" + why + ")");
        }
        return value;
    }
}
