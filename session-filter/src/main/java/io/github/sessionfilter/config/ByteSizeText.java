package io.github.sessionfilter.config;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses byte sizes written as {@code 100000}, {@code 100000B}, {@code 512KiB} ({@code 512K}, {@code 512KB})
 * or {@code 4MiB} ({@code 4M}, {@code 4MB}). K and M are 1024-based. At most 512 MiB, the largest value
 * Redis stores.
 */
final class ByteSizeText {
    static final long MAX = 512L << 20;
    private static final Pattern SIZE = Pattern.compile("(\\d{1,12})\\s*(b|k|kb|kib|m|mb|mib)?");

    private ByteSizeText() {
    }

    static long parse(String text) {
        Matcher m = SIZE.matcher(text.trim().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new IllegalArgumentException("is not a size (use e.g. 65536, 64KiB or 4MiB)");
        }
        long n = Long.parseLong(m.group(1));
        String unit = m.group(2) == null ? "b" : m.group(2);
        long bytes = switch (unit.charAt(0)) {
            case 'k' -> n << 10;
            case 'm' -> n << 20;
            default -> n;
        };
        if (bytes <= 0 || bytes > MAX || n > MAX) {
            throw new IllegalArgumentException("must be between 1 byte and 512MiB");
        }
        return bytes;
    }
}
