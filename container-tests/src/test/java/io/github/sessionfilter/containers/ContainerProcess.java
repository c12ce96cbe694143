package io.github.sessionfilter.containers;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

/**
 * A servlet container running in a child process: its console goes to {@code <name>.console.log} (and is
 * kept in memory for failure reports), readiness is a line the container prints once its web apps are
 * deployed. Stopping sends SIGTERM (a graceful shutdown for both Tomcat and Jetty), then kills.
 */
final class ContainerProcess implements AutoCloseable {
    private static final int KEPT_LINES = 5_000;
    private static final int REPORTED_LINES = 300;

    private final String name;
    private final int port;
    private final Process process;
    private final Path consoleLog;
    private final List<Path> extraLogDirectories;
    private final Deque<String> recent = new ArrayDeque<>();
    private final CompletableFuture<Boolean> ready = new CompletableFuture<>();
    private final Thread pump;
    private final Thread killOnExit;

    private ContainerProcess(String name, int port, Process process, Path consoleLog, String readyLine,
            List<Path> extraLogDirectories) {
        this.name = name;
        this.port = port;
        this.process = process;
        this.consoleLog = consoleLog;
        this.extraLogDirectories = List.copyOf(extraLogDirectories);
        this.pump = new Thread(() -> copyOutput(readyLine), name + "-console");
        this.pump.setDaemon(true);
        this.pump.start();
        // If the test JVM ends without closing us (a timeout, Ctrl+C), the container must not linger.
        this.killOnExit = new Thread(() -> process.toHandle().destroyForcibly());
        Runtime.getRuntime().addShutdownHook(killOnExit);
    }

    /** Starts {@code command}; the container counts as ready once a console line contains {@code readyLine}. */
    static ContainerProcess start(String name, int port, List<String> command, Map<String, String> environment,
            Path workDirectory, String readyLine, List<Path> extraLogDirectories) {
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(workDirectory.toFile())
                .redirectErrorStream(true);
        // Only the settings this test chooses: none inherited from whoever runs the build.
        builder.environment().keySet().removeIf(key -> key.startsWith("SESSION_") || key.startsWith("DEMO_JDBC_"));
        builder.environment().putAll(environment);
        try {
            Files.createDirectories(workDirectory);
            Path log = workDirectory.resolve(name + ".console.log");
            return new ContainerProcess(name, port, builder.start(), log, readyLine, extraLogDirectories);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name + ": " + command, e);
        }
    }

    String name() {
        return name;
    }

    int port() {
        return port;
    }

    /** {@code http://127.0.0.1:<port><path>}. */
    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    String base() {
        return "http://127.0.0.1:" + port;
    }

    /**
     * Waits until the container says it is ready. Fails with the console output if it exited first or the
     * time ran out.
     */
    void awaitReady(long timeoutMillis) throws InterruptedException {
        boolean ok;
        try {
            ok = ready.get(timeoutMillis, TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            ok = false;
        }
        if (!ok) {
            String why = process.isAlive() ? "not ready after " + timeoutMillis + " ms" : "exited with " + process.exitValue();
            throw new AssertionError(name + " did not start (" + why + "); its logs: " + consoleLog.getParent());
        }
    }

    /** Waits until every container is ready, all within one deadline (they start in parallel). */
    static void awaitAllReady(long timeoutMillis, ContainerProcess... containers) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        for (ContainerProcess container : containers) {
            container.awaitReady(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
        }
    }

    /** The last console lines, then the tail of every file in the extra log directories (Tomcat's logs/). */
    String report() {
        StringBuilder text = new StringBuilder("===== " + name + " (port " + port + ") console, last lines; full log: "
                + consoleLog + " =====\n");
        synchronized (recent) {
            recent.stream().skip(Math.max(0, recent.size() - REPORTED_LINES)).forEach(line -> text.append(line).append('\n'));
        }
        for (Path directory : extraLogDirectories) {
            if (!Files.isDirectory(directory)) {
                continue;
            }
            try (Stream<Path> files = Files.list(directory)) {
                // catalina.<date>.log repeats the console, shown above.
                for (Path file : files.sorted().filter(f -> !f.getFileName().toString().startsWith("catalina.")).toList()) {
                    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
                    if (lines.isEmpty()) {
                        continue;
                    }
                    text.append("===== ").append(name).append(' ').append(file).append(", last lines =====\n");
                    lines.subList(Math.max(0, lines.size() - 120), lines.size())
                            .forEach(line -> text.append(line).append('\n'));
                }
            } catch (IOException e) {
                text.append("(cannot read ").append(directory).append(": ").append(e).append(")\n");
            }
        }
        return text.toString();
    }

    /** Whether the console or any file in the extra log directories contains {@code text}. */
    boolean logsContain(String text) {
        if (!consoleLines(text).isEmpty()) {
            return true;
        }
        for (Path directory : extraLogDirectories) {
            try (Stream<Path> files = Files.isDirectory(directory) ? Files.list(directory) : Stream.empty()) {
                for (Path file : files.toList()) {
                    if (Files.readString(file, StandardCharsets.UTF_8).contains(text)) {
                        return true;
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + directory, e);
            }
        }
        return false;
    }

    /** Every console line so far that contains {@code fragment}. */
    List<String> consoleLines(String fragment) {
        List<String> found = new ArrayList<>();
        synchronized (recent) {
            recent.stream().filter(line -> line.contains(fragment)).forEach(found::add);
        }
        return found;
    }

    @Override
    public void close() throws InterruptedException {
        process.toHandle().destroy(); // SIGTERM; Process.destroy() would also close our end of its output
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            System.out.println("[container-tests] " + name + " did not stop within 30 s; killing it");
            process.toHandle().destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
        pump.join(2_000);
        try {
            Runtime.getRuntime().removeShutdownHook(killOnExit);
        } catch (IllegalStateException alreadyShuttingDown) {
            // the hook runs anyway; the process is already gone
        }
    }

    private void copyOutput(String readyLine) {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
                Writer log = Files.newBufferedWriter(consoleLog, StandardCharsets.UTF_8)) {
            String line;
            while ((line = lines.readLine()) != null) {
                log.write(line);
                log.write('\n');
                log.flush();
                synchronized (recent) {
                    recent.addLast(line);
                    if (recent.size() > KEPT_LINES) {
                        recent.removeFirst();
                    }
                }
                if (line.contains(readyLine)) {
                    ready.complete(true);
                }
            }
        } catch (IOException e) {
            // the process is gone; nothing more to copy
        } finally {
            ready.complete(false);
        }
    }
}
