package io.github.sessionfilter.logging;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A strict reader of the flat JSON objects {@link JsonLinesFormatter} writes (string values only), so the
 * tests check the output is JSON by decoding it, not by looking for substrings. Throws on anything else.
 */
final class JsonLines {
    private final String text;
    private int at;

    private JsonLines(String text) {
        this.text = text;
    }

    static Map<String, String> parse(String line) {
        if (!line.endsWith("\n") || line.indexOf('\n') != line.length() - 1) {
            throw new AssertionError("not exactly one line: " + line);
        }
        JsonLines reader = new JsonLines(line.substring(0, line.length() - 1));
        Map<String, String> fields = new LinkedHashMap<>();
        reader.expect('{');
        do {
            String name = reader.string();
            reader.expect(':');
            if (fields.put(name, reader.string()) != null) {
                throw new AssertionError("field twice: " + name);
            }
        } while (reader.next(','));
        reader.expect('}');
        if (reader.at != reader.text.length()) {
            throw new AssertionError("trailing text: " + line);
        }
        return fields;
    }

    private boolean next(char c) {
        if (at < text.length() && text.charAt(at) == c) {
            at++;
            return true;
        }
        return false;
    }

    private void expect(char c) {
        if (!next(c)) {
            throw new AssertionError("expected '" + c + "' at " + at + " in " + text);
        }
    }

    private String string() {
        expect('"');
        StringBuilder value = new StringBuilder();
        while (true) {
            char c = text.charAt(at++);
            if (c == '"') {
                return value.toString();
            }
            if (c < 0x20) {
                throw new AssertionError("raw control character in a string at " + (at - 1));
            }
            if (c != '\\') {
                value.append(c);
                continue;
            }
            char e = text.charAt(at++);
            switch (e) {
                case '"', '\\', '/' -> value.append(e);
                case 'n' -> value.append('\n');
                case 'r' -> value.append('\r');
                case 't' -> value.append('\t');
                case 'b' -> value.append('\b');
                case 'f' -> value.append('\f');
                case 'u' -> {
                    value.append((char) Integer.parseInt(text.substring(at, at + 4), 16));
                    at += 4;
                }
                default -> throw new AssertionError("bad escape \\" + e);
            }
        }
    }
}
