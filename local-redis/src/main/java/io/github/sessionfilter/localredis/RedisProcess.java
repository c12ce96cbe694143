package io.github.sessionfilter.localredis;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A {@code redis-server} child process on a loopback port, with nothing persisted. It can be stopped
 * and started again on the same port, which is what outage tests need.
 */
public final class RedisProcess implements AutoCloseable {
    private static final long START_TIMEOUT_MILLIS = 15_000;

    private final File binary;
    private final int port;
    private final List<String> leadingArgs;
    private final List<String> extraArgs;
    private final Path workDir;
    private Process process;

    private RedisProcess(File binary, int port, List<String> leadingArgs, List<String> extraArgs, Path workDir) {
        this.binary = binary;
        this.port = port;
        this.leadingArgs = leadingArgs;
        this.extraArgs = extraArgs;
        this.workDir = workDir;
    }

    static RedisProcess start(File binary, int port, String... extraArgs) {
        return start(binary, port, newWorkDir("local-redis-" + port + "-"), List.of(), extraArgs);
    }

    /**
     * Starts a Sentinel: {@code redis-server <config> --sentinel}. The configuration file is written into the
     * process's own directory (Sentinel rewrites it while running).
     */
    static RedisProcess startSentinel(File binary, int port, String config) {
        Path dir = newWorkDir("local-sentinel-" + port + "-");
        Path file = dir.resolve("sentinel.conf");
        try {
            Files.writeString(file, config);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return start(binary, port, dir, List.of(file.toString(), "--sentinel"));
    }

    private static RedisProcess start(File binary, int port, Path dir, List<String> leadingArgs, String... extraArgs) {
        RedisProcess redis = new RedisProcess(binary, port, leadingArgs, List.of(extraArgs), dir);
        redis.start();
        Runtime.getRuntime().addShutdownHook(new Thread(redis::stop, "local-redis-stop-" + port));
        return redis;
    }

    private static Path newWorkDir(String prefix) {
        try {
            return Files.createTempDirectory(prefix);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public int port() {
        return port;
    }

    /** The URI without credentials; tests that set a password add it themselves. */
    public String uri() {
        return "redis://127.0.0.1:" + port;
    }

    /** Starts the server (again) on the same port and waits until it accepts connections. */
    public synchronized void start() {
        if (process != null && process.isAlive()) {
            return;
        }
        List<String> command = new ArrayList<>(List.of(binary.getAbsolutePath()));
        command.addAll(leadingArgs);
        command.addAll(Arrays.asList(
                "--port", String.valueOf(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
                "--dir", workDir.toString(), "--daemonize", "no", "--logfile", ""));
        command.addAll(extraArgs);
        try {
            process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(workDir.resolve("redis.log").toFile())
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + binary, e);
        }
        awaitListening();
    }

    /** Kills the server at once (SIGKILL), like a crashed or unreachable node. */
    public synchronized void stop() {
        if (process != null) {
            process.destroyForcibly();
            try {
                process.waitFor();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            process = null;
        }
    }

    public synchronized boolean isRunning() {
        return process != null && process.isAlive();
    }

    /** The server's log so far, for test failure messages. */
    public String log() {
        try {
            return Files.readString(workDir.resolve("redis.log"));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    private void awaitListening() {
        long deadline = System.currentTimeMillis() + START_TIMEOUT_MILLIS;
        while (System.currentTimeMillis() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("redis-server exited with " + process.exitValue() + ": " + log());
            }
            if (answersPing()) {
                return;
            }
            LocalRedis.sleep(20);
        }
        throw new IllegalStateException("redis-server did not start on port " + port + " within "
                + START_TIMEOUT_MILLIS + " ms: " + log());
    }

    private boolean answersPing() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
            socket.setSoTimeout(500);
            OutputStream out = socket.getOutputStream();
            out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            byte[] buffer = new byte[64];
            int read = in.read(buffer);
            // "-NOAUTH" also proves the server is up when it was started with a password.
            return read > 0 && (buffer[0] == '+' || buffer[0] == '-');
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public void close() {
        stop();
    }
}
