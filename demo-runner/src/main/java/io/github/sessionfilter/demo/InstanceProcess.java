package io.github.sessionfilter.demo;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The runner's handle on one instance: a child JVM running {@link WebAppInstance} with the runner's own
 * classpath, its output copied to ours with a {@code [name]} prefix.
 */
final class InstanceProcess {
    private final String name;
    private final int port;
    private final Process process;
    private final Thread output;
    private final CompletableFuture<Boolean> ready = new CompletableFuture<>();

    private InstanceProcess(String name, int port, Process process) {
        this.name = name;
        this.port = port;
        this.process = process;
        this.output = new Thread(this::copyOutput, name + "-output");
        this.output.setDaemon(true);
        this.output.start();
    }

    static InstanceProcess start(String name, String host, int port, Path war, Map<String, String> environment) {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-XX:+UseSerialGC", "-Dfile.encoding=UTF-8",
                "-classpath", System.getProperty("java.class.path"),
                DemoRunner.class.getName(), WebAppInstance.MODE,
                "--name", name, "--host", host, "--port", String.valueOf(port), "--war", war.toString()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(environment);
        try {
            return new InstanceProcess(name, port, builder.start());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the JVM for " + name, e);
        }
    }

    String name() {
        return name;
    }

    int port() {
        return port;
    }

    Process process() {
        return process;
    }

    /** Waits until the instance says it serves requests; false if it exited or the time ran out first. */
    boolean awaitReady(long timeoutMillis) throws InterruptedException {
        try {
            return ready.get(timeoutMillis, TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            return false;
        }
    }

    /**
     * Sends SIGTERM (Jetty shuts down gracefully). Through the {@link ProcessHandle}, because
     * {@link Process#destroy()} also closes our end of its output, losing its last lines.
     */
    void requestStop() {
        process.toHandle().destroy();
    }

    /** {@link #requestStop()}, then waits {@code graceMillis} before killing it. */
    void stop(long graceMillis) throws InterruptedException {
        requestStop();
        if (!process.waitFor(graceMillis, TimeUnit.MILLISECONDS)) {
            System.out.println("[runner] " + name + " did not stop within " + graceMillis + " ms; killing it");
            process.toHandle().destroyForcibly();
            process.waitFor(5, TimeUnit.SECONDS);
        }
        output.join(2_000); // let its last lines through
    }

    private void copyOutput() {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                System.out.println("[" + name + "] " + line);
                if (line.startsWith(WebAppInstance.readyLine(name))) {
                    ready.complete(true);
                }
            }
        } catch (IOException e) {
            // the process is gone; nothing more to copy
        } finally {
            ready.complete(false); // no effect if it was ready; otherwise it exited before getting there
        }
    }
}
