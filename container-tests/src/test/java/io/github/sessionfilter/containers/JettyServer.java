package io.github.sessionfilter.containers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Embedded Jetty 12 (ee10) serving one WAR in a child JVM ({@link JettyWebApp}) whose classpath is Jetty
 * alone, configured through the environment like the Tomcat instances.
 */
final class JettyServer {
    private JettyServer() {
    }

    static ContainerProcess start(String name, int port, Path war, String contextPath, Path workDirectory,
            Map<String, String> environment) {
        Path classes = FileTree.required("container-tests.jetty.classes", "compile the module first");
        Path classpathFile = FileTree.required("container-tests.jetty.classpath-file",
                "the build writes it with dependency:build-classpath in pre-integration-test");
        String classpath;
        try {
            classpath = classes + java.io.File.pathSeparator + Files.readString(classpathFile, StandardCharsets.UTF_8).strip();
            Files.createDirectories(workDirectory.resolve("tmp"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> command = List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Dfile.encoding=UTF-8",
                "-Djava.io.tmpdir=" + workDirectory.resolve("tmp"),
                "-cp", classpath,
                JettyWebApp.class.getName(), String.valueOf(port), war.toString(), contextPath);
        return ContainerProcess.start(name, port, command, environment, workDirectory, JettyWebApp.READY, List.of());
    }
}
