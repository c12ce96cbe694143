package io.github.sessionfilter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;

/**
 * The packaged {@code -all} jar (failsafe runs after {@code package}) leaves OpenTelemetry to the app or the
 * agent: no class of the API is inside, and no relocation has rewritten the filter's references to it, so
 * the filter finds and calls the API the app provides.
 */
class AllJarOpenTelemetryIT {

    @Test
    void allJar_bundlesNoOpenTelemetryClass_andKeepsTheOriginalPackageNames() throws IOException {
        Path jar = allJar();
        List<String> bundled = new ArrayList<>();
        List<String> rewritten = new ArrayList<>();
        boolean presenceCheckIntact = false;
        try (JarFile file = new JarFile(jar.toFile())) {
            for (JarEntry entry : java.util.Collections.list(file.entries())) {
                String name = entry.getName();
                if (name.startsWith("io/opentelemetry/") || name.contains("/opentelemetry/")) {
                    bundled.add(name);
                }
                if (!name.endsWith(".class")) {
                    continue;
                }
                String text = new String(file.getInputStream(entry).readAllBytes(), StandardCharsets.ISO_8859_1);
                if (text.contains("shaded/opentelemetry") || text.contains("shaded.opentelemetry")) {
                    rewritten.add(name);
                }
                if (name.equals("io/github/sessionfilter/metrics/SessionFilterMetrics.class")) {
                    presenceCheckIntact = text.contains("io.opentelemetry.api.GlobalOpenTelemetry");
                }
                if (name.equals("io/github/sessionfilter/metrics/OpenTelemetryExporter.class")) {
                    assertTrue(text.contains("io/opentelemetry/api/GlobalOpenTelemetry"), "references kept: " + name);
                }
            }
        }
        assertEquals(List.of(), bundled);
        assertEquals(List.of(), rewritten);
        assertTrue(presenceCheckIntact, "the class name the filter looks for is not relocated");
    }

    private static Path allJar() throws IOException {
        try (DirectoryStream<Path> jars = Files.newDirectoryStream(Path.of("target"), "session-filter-*-all.jar")) {
            for (Path jar : jars) {
                return jar;
            }
        }
        return fail("no target/session-filter-*-all.jar: run through failsafe (mvn verify), after package");
    }
}
