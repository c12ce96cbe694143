package io.github.sessionfilter.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonLinesFormatterTest {
    private final JsonLinesFormatter formatter = new JsonLinesFormatter();

    private static LogRecord record(Level level, String logger, String message, Object... parameters) {
        LogRecord record = new LogRecord(level, message);
        record.setLoggerName(logger);
        record.setParameters(parameters.length == 0 ? null : parameters);
        record.setInstant(Instant.parse("2026-03-01T12:34:56.789Z"));
        return record;
    }

    @Test
    void record_becomesOneJsonObjectOnOneLine_withSeverityMessageTimeAndLogger() {
        String line = formatter.format(record(Level.WARNING, "org.example.Shop", "Cart of {0} items", 3));
        assertEquals("{\"severity\":\"WARNING\",\"message\":\"Cart of 3 items\",\"time\":\"2026-03-01T12:34:56.789Z\","
                + "\"logger\":\"org.example.Shop\"}\n", line);
        assertEquals(Map.of("severity", "WARNING", "message", "Cart of 3 items", "time", "2026-03-01T12:34:56.789Z",
                "logger", "org.example.Shop"), JsonLines.parse(line));
    }

    @Test
    void quotesBackslashesNewlinesAndControlCharacters_areEscaped_andDecodeToTheOriginal() {
        String nasty = "say \"hi\" \\ path C:\\x\nforged {\"severity\":\"ERROR\"}\r\tbell\u0007 nul\u0000 esc\u001b"
                + " del\u007f c1\u0085 ls\u2028 ps\u2029 lone\ud800 ok\ud83d\ude00 caf\u00e9 \u2026";
        String line = formatter.format(record(Level.INFO, "x", nasty));
        assertEquals(1, line.split("\n", -1).length - 1, "exactly one line: " + line);
        for (char c : line.substring(0, line.length() - 1).toCharArray()) {
            assertTrue(c >= 0x20 && c != 0x7f && c != 0x85 && c != 0x2028 && c != 0x2029, "raw character " + (int) c);
        }
        assertTrue(line.contains("\\\"hi\\\"") && line.contains("\\\\ path") && line.contains("\\n")
                && line.contains("\\u0007") && line.contains("\\u0000") && line.contains("\\u2028") && line.contains("\\ud800"));
        assertTrue(line.contains("\ud83d\ude00") && line.contains("caf\u00e9"), "valid text stays as it is");
        assertEquals(nasty, JsonLines.parse(line).get("message"));
    }

    @Test
    void julLevels_mapToCloudLoggingSeverities() {
        assertEquals("ERROR", JsonLinesFormatter.severity(Level.SEVERE));
        assertEquals("WARNING", JsonLinesFormatter.severity(Level.WARNING));
        assertEquals("INFO", JsonLinesFormatter.severity(Level.INFO));
        assertEquals("NOTICE", JsonLinesFormatter.severity(Level.CONFIG));
        assertEquals("DEBUG", JsonLinesFormatter.severity(Level.FINE));
        assertEquals("DEBUG", JsonLinesFormatter.severity(Level.FINER));
        assertEquals("DEBUG", JsonLinesFormatter.severity(Level.FINEST));
        assertEquals("DEBUG", JsonLinesFormatter.severity(Level.ALL));
        assertEquals("ERROR", JsonLinesFormatter.severity(Level.OFF));
        assertEquals("WARNING", JsonLinesFormatter.severity(new Level("BETWEEN", 950) { }), "a custom level takes the one below");
        assertEquals("INFO", JsonLinesFormatter.severity(null));
    }

    @Test
    void exception_stackTraceIsPartOfTheMessage() {
        LogRecord record = record(Level.SEVERE, "x", "Closing failed");
        record.setThrown(new IllegalStateException("boom \"quoted\""));
        Map<String, String> fields = JsonLines.parse(formatter.format(record));
        assertEquals("ERROR", fields.get("severity"));
        assertTrue(fields.get("message").startsWith("Closing failed\njava.lang.IllegalStateException: boom \"quoted\"\n\tat "),
                fields.get("message"));
    }

    @Test
    void filterLines_carryTheAbbreviatedSessionId_otherLinesAndLongerValuesDoNot() {
        assertEquals("AbC-_9\u2026", JsonLines.parse(formatter.format(record(Level.WARNING,
                "io.github.sessionfilter.web.UnavailableStorePolicy", "Dropping the changes of session {0}: {1}",
                "AbC-_9\u2026", "Redis timed out"))).get("session"));
        assertNull(JsonLines.parse(formatter.format(record(Level.WARNING, "org.example.Shop", "Session {0}",
                "AbC-_9\u2026"))).get("session"), "only the filter's own lines");
        assertNull(JsonLines.parse(formatter.format(record(Level.WARNING, "io.github.sessionfilter.X", "Session {0}",
                "AbC-_9xyz\u2026"))).get("session"), "never more than an abbreviation");
        assertNull(JsonLines.parse(formatter.format(record(Level.WARNING, "io.github.sessionfilter.X", "Session {0}",
                "AbC-_9"))).get("session"));
    }

    @Test
    void nullMessageAndLogger_stillGiveValidJson() {
        Map<String, String> fields = JsonLines.parse(formatter.format(record(Level.INFO, null, null)));
        assertEquals("INFO", fields.get("severity"));
        assertFalse(fields.containsKey("logger"));
    }

    /** What Tomcat's conf/logging.properties does: JUL's ConsoleHandler loads the formatter by name from the class path. */
    @Test
    void loggingProperties_canNameTheFormatter_forJulsConsoleHandler(@TempDir Path dir) throws Exception {
        Path properties = dir.resolve("logging.properties");
        Files.writeString(properties, String.join("\n",
                "handlers = java.util.logging.ConsoleHandler",
                "java.util.logging.ConsoleHandler.level = ALL",
                "java.util.logging.ConsoleHandler.formatter = io.github.sessionfilter.logging.JsonLinesFormatter",
                "java.util.logging.ConsoleHandler.encoding = UTF-8",
                ""));
        Process java = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"),
                "-Djava.util.logging.config.file=" + properties,
                LogOneLine.class.getName())
                .redirectError(ProcessBuilder.Redirect.PIPE).start();
        assertTrue(java.waitFor(30, TimeUnit.SECONDS));
        String stderr = new String(java.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, java.exitValue(), stderr);
        List<String> lines = stderr.lines().toList();
        assertEquals(1, lines.size(), stderr);
        Map<String, String> fields = JsonLines.parse(lines.get(0) + "\n");
        assertEquals("WARNING", fields.get("severity"));
        assertEquals("io.github.sessionfilter.Demo", fields.get("logger"));
        assertEquals("Answering 503 for session Xy12_-\u2026", fields.get("message"));
        assertEquals("Xy12_-\u2026", fields.get("session"));
    }

    /** Logs one line the way the filter does (System.Logger, routed to JUL). */
    public static final class LogOneLine {
        public static void main(String[] args) {
            System.getLogger("io.github.sessionfilter.Demo").log(System.Logger.Level.WARNING,
                    "Answering 503 for session {0}", "Xy12_-\u2026");
        }
    }
}
