package io.github.sessionfilter.logging;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.logging.Formatter;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.regex.Pattern;

/**
 * Formats {@code java.util.logging} records as JSON lines, one object per line, as Cloud Logging reads
 * them from a container's stdout or stderr (structured logging): {@code severity} (a Cloud Logging
 * severity), {@code message} (with the stack trace of an exception, where Error Reporting finds it),
 * {@code time} (RFC 3339, UTC), {@code logger}, and for session-filter's own lines {@code session}, the
 * abbreviated session id when the line names one. Every control and line-separator character is escaped,
 * so a record can never break its line or forge another.
 *
 * <p>It depends on nothing but the JDK, so it can be loaded from the container's class path (where a
 * handler of the container's {@code logging.properties} looks for it), e.g. in Tomcat's
 * {@code conf/logging.properties}: {@code java.util.logging.ConsoleHandler.formatter =
 * io.github.sessionfilter.logging.JsonLinesFormatter}, with {@code session-filter-<version>-logging.jar}
 * on the system class path ({@code CLASSPATH} in {@code bin/setenv.sh}).
 */
public class JsonLinesFormatter extends Formatter {
    /** What {@code SessionIds.abbreviate} makes of an id: its first six characters and an ellipsis. */
    private static final Pattern ABBREVIATED_ID = Pattern.compile("[A-Za-z0-9_-]{1,6}\u2026");
    private static final String FILTER_LOGGERS = "io.github.sessionfilter.";
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    @Override
    public String format(LogRecord record) {
        StringBuilder json = new StringBuilder(256);
        json.append("{\"severity\":\"").append(severity(record.getLevel())).append('"');
        field(json, "message", messageWithStackTrace(record));
        field(json, "time", record.getInstant().toString());
        if (record.getLoggerName() != null) {
            field(json, "logger", record.getLoggerName());
        }
        String session = abbreviatedSessionId(record);
        if (session != null) {
            field(json, "session", session);
        }
        return json.append("}\n").toString();
    }

    /**
     * The Cloud Logging severity of a JUL level: SEVERE is ERROR, WARNING is WARNING, INFO is INFO, CONFIG
     * (start-up and configuration lines) is NOTICE, FINE and below are DEBUG; a custom level counts as the
     * standard level below it.
     */
    static String severity(Level level) {
        int value = level == null ? Level.INFO.intValue() : level.intValue();
        if (value >= Level.SEVERE.intValue()) {
            return "ERROR";
        }
        if (value >= Level.WARNING.intValue()) {
            return "WARNING";
        }
        if (value >= Level.INFO.intValue()) {
            return "INFO";
        }
        if (value >= Level.CONFIG.intValue()) {
            return "NOTICE";
        }
        return "DEBUG";
    }

    private String messageWithStackTrace(LogRecord record) {
        String message = formatMessage(record);
        if (record.getThrown() == null) {
            return message;
        }
        StringWriter trace = new StringWriter();
        record.getThrown().printStackTrace(new PrintWriter(trace));
        return (message == null || message.isEmpty() ? "" : message + "\n") + trace;
    }

    /** An abbreviated id among the parameters of one of the filter's own records; never anything longer. */
    private static String abbreviatedSessionId(LogRecord record) {
        if (record.getLoggerName() == null || !record.getLoggerName().startsWith(FILTER_LOGGERS)
                || record.getParameters() == null) {
            return null;
        }
        for (Object parameter : record.getParameters()) {
            if (parameter instanceof String text && ABBREVIATED_ID.matcher(text).matches()) {
                return text;
            }
        }
        return null;
    }

    private static void field(StringBuilder json, String name, String value) {
        json.append(",\"").append(name).append("\":\"");
        escape(json, value == null ? "" : value);
        json.append('"');
    }

    /**
     * JSON string escaping, stricter than the grammar needs: besides quote, backslash and C0 controls, DEL,
     * C1 controls, the line and paragraph separators and unpaired surrogates are written as {@code \\uXXXX},
     * so the output is plain, valid UTF-8 on one line whatever the message holds.
     */
    static void escape(StringBuilder json, String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> json.append("\\\"");
                case '\\' -> json.append("\\\\");
                case '\n' -> json.append("\\n");
                case '\r' -> json.append("\\r");
                case '\t' -> json.append("\\t");
                case '\b' -> json.append("\\b");
                case '\f' -> json.append("\\f");
                default -> {
                    if (c < 0x20 || (c >= 0x7f && c <= 0x9f) || c == '\u2028' || c == '\u2029' || unpairedSurrogate(text, i)) {
                        json.append("\\u").append(HEX[c >> 12]).append(HEX[(c >> 8) & 0xf])
                                .append(HEX[(c >> 4) & 0xf]).append(HEX[c & 0xf]);
                    } else {
                        json.append(c);
                    }
                }
            }
        }
    }

    private static boolean unpairedSurrogate(String text, int i) {
        char c = text.charAt(i);
        if (Character.isHighSurrogate(c)) {
            return i + 1 >= text.length() || !Character.isLowSurrogate(text.charAt(i + 1));
        }
        if (Character.isLowSurrogate(c)) {
            return i == 0 || !Character.isHighSurrogate(text.charAt(i - 1));
        }
        return false;
    }
}
