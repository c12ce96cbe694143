package io.github.sessionfilter.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * Counts the commands clients send to a Redis server, using MONITOR. Commands a Lua script runs
 * inside the server are not counted: each top-level command is one round trip. Background PINGs
 * (idle connection probes) are not counted either. A marker command
 * before and after the measured action makes the count exact even though MONITOR is asynchronous.
 */
public final class RedisCommandLog implements AutoCloseable {
    private final Socket monitor;
    private final Socket control;
    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final Thread reader;

    public RedisCommandLog(String host, int port) {
        try {
            monitor = new Socket(host, port);
            control = new Socket(host, port);
            monitor.getOutputStream().write("MONITOR\r\n".getBytes(StandardCharsets.US_ASCII));
            BufferedReader in = new BufferedReader(new InputStreamReader(monitor.getInputStream(), StandardCharsets.UTF_8));
            String ok = in.readLine();
            if (ok == null || !ok.startsWith("+OK")) {
                throw new IllegalStateException("MONITOR refused: " + ok);
            }
            reader = new Thread(() -> {
                try {
                    String line;
                    while ((line = in.readLine()) != null) {
                        lines.add(line);
                    }
                } catch (IOException e) {
                    // closed
                }
            }, "redis-monitor");
            reader.setDaemon(true);
            reader.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs the action and returns the commands (lower-case names) clients sent meanwhile. */
    public List<String> commandsDuring(ThrowingRunnable action) throws Exception {
        String begin = "begin-" + UUID.randomUUID();
        String end = "end-" + UUID.randomUUID();
        echo(begin);
        awaitLine(begin);
        action.run();
        echo(end);
        awaitLine(end);
        List<String> commands = new ArrayList<>();
        boolean inside = false;
        for (String line : lines) {
            if (line.contains(begin)) {
                inside = true;
            } else if (line.contains(end)) {
                break;
            } else if (inside && !line.contains(" lua]")) {
                String command = commandName(line);
                // Idle connections of any instance in this JVM are probed with PING (SilentConnectionDetector);
                // that is not a round trip a request made.
                if (!command.equals("ping")) {
                    commands.add(command);
                }
            }
        }
        return commands;
    }

    private static String commandName(String line) {
        int bracket = line.indexOf("] \"");
        if (bracket < 0) {
            return line;
        }
        int start = bracket + 3;
        return line.substring(start, line.indexOf('"', start)).toLowerCase();
    }

    private void echo(String marker) throws IOException {
        OutputStream out = control.getOutputStream();
        out.write(("ECHO " + marker + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        control.getInputStream().read(new byte[256]);
    }

    private void awaitLine(String marker) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (System.nanoTime() < deadline) {
            for (String line : lines) {
                if (line.contains(marker)) {
                    return;
                }
            }
            Thread.sleep(5);
        }
        throw new IllegalStateException("MONITOR did not show " + marker);
    }

    @Override
    public void close() throws IOException {
        monitor.close();
        control.close();
    }

    /** An action that may throw. */
    @FunctionalInterface
    public interface ThrowingRunnable {
        void run() throws Exception;
    }
}
