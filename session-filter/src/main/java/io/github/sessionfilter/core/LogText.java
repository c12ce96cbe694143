package io.github.sessionfilter.core;

/**
 * Text that comes from outside (attribute and class names read from Redis, and messages built from
 * them) made safe for one log line: control and line-separator characters become {@code \\uXXXX}, so
 * whoever can write to Redis cannot forge log lines, and long text is cut.
 */
public final class LogText {
    private static final int MAX_LENGTH = 300;

    private LogText() {
    }

    /** {@code text} with every control character escaped, at most 300 characters (then "…"). */
    public static String printable(String text) {
        if (text == null) {
            return "null";
        }
        StringBuilder out = new StringBuilder(Math.min(text.length(), MAX_LENGTH) + 8);
        for (int i = 0; i < text.length() && out.length() < MAX_LENGTH; i++) {
            char c = text.charAt(i);
            if (c < 0x20 || c == 0x7f || c == '\u2028' || c == '\u2029' || (c >= 0x80 && c < 0xa0)) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        if (out.length() >= MAX_LENGTH && text.length() > MAX_LENGTH) {
            out.append('…');
        }
        return out.toString();
    }
}
