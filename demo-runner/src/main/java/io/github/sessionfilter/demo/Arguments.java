package io.github.sessionfilter.demo;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/** {@code --name value} pairs; an unknown or repeated option, or one without a value, is a {@link UsageException}. */
final class Arguments {
    private final Map<String, String> values = new HashMap<>();

    private Arguments() {
    }

    static Arguments parse(String[] args, int from, Set<String> known) {
        Arguments parsed = new Arguments();
        for (int i = from; i < args.length; i += 2) {
            String option = args[i];
            if (!option.startsWith("--") || !known.contains(option.substring(2))) {
                throw UsageException.badCommandLine("unknown option " + option + "; known: --" + String.join(", --", known));
            }
            if (i + 1 >= args.length) {
                throw UsageException.badCommandLine(option + " needs a value");
            }
            if (parsed.values.put(option.substring(2), args[i + 1]) != null) {
                throw UsageException.badCommandLine(option + " given twice");
            }
        }
        return parsed;
    }

    String get(String name, String fallback) {
        return values.getOrDefault(name, fallback);
    }

    String required(String name) {
        String value = values.get(name);
        if (value == null) {
            throw UsageException.badCommandLine("--" + name + " is required");
        }
        return value;
    }

    static int port(String text) {
        try {
            int port = Integer.parseInt(text.strip());
            if (port >= 1 && port <= 65_535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw UsageException.badCommandLine("not a TCP port: \"" + text + "\" (expected 1-65535)");
    }
}
