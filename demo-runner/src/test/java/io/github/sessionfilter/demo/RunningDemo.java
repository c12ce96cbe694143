package io.github.sessionfilter.demo;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/** The demo started the way a person starts it: {@code DemoRunner} in its own JVM, output captured. */
final class RunningDemo implements AutoCloseable {
    private final Process process;
    private final List<String> output = new CopyOnWriteArrayList<>();
    private final Thread reader;

    private RunningDemo(Process process) {
        this.process = process;
        this.reader = new Thread(this::read, "demo-output");
        reader.setDaemon(true);
        reader.start();
    }

    static RunningDemo start(Path dataDir, int... ports) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-classpath", System.getProperty("java.class.path"),
                DemoRunner.class.getName(),
                "--war", System.getProperty("demo.war", "../demo-war/target/demo.war"),
                "--data-dir", dataDir.toString(),
                "--ports", joined(ports)));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        // The demo must work with nothing configured: it brings its own Redis, key and database.
        builder.environment().remove("SESSION_REDIS_URI");
        builder.environment().remove("SESSION_JWT_KEYS");
        builder.environment().remove("SESSION_JWT_KEYS_FILE");
        builder.environment().remove("DEMO_JDBC_URL");
        return new RunningDemo(builder.start());
    }

    private static String joined(int... ports) {
        StringBuilder text = new StringBuilder();
        for (int port : ports) {
            text.append(text.length() == 0 ? "" : ",").append(port);
        }
        return text.toString();
    }

    /** Waits for a line containing {@code text}; fails with the output so far if the demo exits or time runs out. */
    void awaitLine(String text, long timeoutMillis) throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        while (System.currentTimeMillis() < deadline) {
            if (output.stream().anyMatch(line -> line.contains(text))) {
                return;
            }
            if (!process.isAlive() && output.stream().noneMatch(line -> line.contains(text))) {
                Thread.sleep(200); // let the last lines arrive
                throw new AssertionError("the demo exited (" + process.exitValue() + ") before printing \"" + text
                        + "\":\n" + output());
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no \"" + text + "\" within " + timeoutMillis + " ms:\n" + output());
    }

    int awaitExit(long timeoutMillis) throws InterruptedException {
        if (!process.waitFor(timeoutMillis, TimeUnit.MILLISECONDS)) {
            throw new AssertionError("the demo did not exit within " + timeoutMillis + " ms:\n" + output());
        }
        reader.join(5_000); // its last lines may still be in the pipe
        System.out.println("    (the demo exited with " + process.exitValue() + ")");
        return process.exitValue();
    }

    /**
     * SIGTERM, which runs the runner's shutdown hook as Ctrl+C does. Through the handle: {@link Process#destroy()}
     * would also close our end of its output and lose what it prints while stopping.
     */
    void stop() {
        process.toHandle().destroy();
    }

    long pid() {
        return process.pid();
    }

    String output() {
        return String.join("\n", output);
    }

    private void read() {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                output.add(line);
                System.out.println("    | " + line);
            }
            System.out.println("    | (end of output)");
        } catch (IOException e) {
            System.out.println("    | (output closed: " + e + ")");
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.toHandle().destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
            }
        }
    }
}
