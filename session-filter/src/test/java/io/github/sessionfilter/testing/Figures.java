package io.github.sessionfilter.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;

/**
 * Prints a measured figure with the {@code [reliability]} prefix, so it can be quoted from the test
 * output, and appends it to {@code target/reliability-figures.txt} for docs/RELIABILITY.md.
 */
public final class Figures {
    private Figures() {
    }

    public static void report(String format, Object... args) {
        String line = "[reliability] " + String.format(Locale.ROOT, format, args);
        System.out.println(line);
        try {
            Files.writeString(Path.of("target", "reliability-figures.txt"), line + System.lineSeparator(),
                    StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            System.out.println("[reliability] (could not append to target/reliability-figures.txt: " + e + ")");
        }
    }

    public static double seconds(long nanos) {
        return nanos / 1e9;
    }

    public static long millis(long nanos) {
        return nanos / 1_000_000;
    }
}
