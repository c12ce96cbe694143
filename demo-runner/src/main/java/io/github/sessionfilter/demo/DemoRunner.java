package io.github.sessionfilter.demo;

import io.github.sessionfilter.localredis.LocalRedis;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.security.SecureRandom;
import java.sql.SQLException;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The local demo in one command: a Redis (SESSION_REDIS_URI, else {@link LocalRedis}), a members database
 * (DEMO_JDBC_URL, else an H2 server), a signing key (SESSION_JWT_KEYS, else a throwaway one), and one
 * instance of demo.war per port, each in its own JVM. Runs until Ctrl+C, then stops everything it started.
 *
 * <p>With {@code instance} as first argument it is one of those instances instead ({@link WebAppInstance}).
 */
public final class DemoRunner {
    private static final long START_TIMEOUT_MILLIS = 120_000;
    private static final long STOP_GRACE_MILLIS = 15_000;
    private static final int EXIT_USAGE = 2;

    private final DemoOptions options;
    private final AtomicBoolean stopping = new AtomicBoolean();
    private final List<InstanceProcess> instances = new CopyOnWriteArrayList<>();
    private volatile LocalRedis redis;
    private volatile MembersDatabaseServer database;

    private DemoRunner(DemoOptions options) {
        this.options = options;
    }

    public static void main(String[] args) {
        int exitCode;
        try {
            exitCode = args.length > 0 && args[0].equals(WebAppInstance.MODE)
                    ? WebAppInstance.run(args)
                    : new DemoRunner(DemoOptions.parse(args)).run();
        } catch (UsageException e) {
            System.err.println("[runner] " + e.getMessage());
            if (e.isBadCommandLine()) {
                System.err.println(DemoOptions.USAGE);
            }
            exitCode = EXIT_USAGE;
        }
        System.exit(exitCode);
    }

    private int run() {
        for (int port : options.ports()) {
            ensureFree(options.host(), port);
        }
        Runtime.getRuntime().addShutdownHook(new Thread(this::stop, "demo-stop"));
        Map<String, String> environment = new HashMap<>();
        environment.put("SESSION_REDIS_URI", redisUri());
        throwawayKeyIfNeeded(environment);
        environment.put("DEMO_JDBC_URL", jdbcUrl());

        for (int i = 0; i < options.ports().size(); i++) {
            instances.add(InstanceProcess.start("app" + (i + 1), options.host(), options.ports().get(i), options.war(),
                    environment));
        }
        try {
            for (InstanceProcess instance : instances) {
                if (!instance.awaitReady(START_TIMEOUT_MILLIS)) {
                    boolean exited = instance.process().waitFor(2, TimeUnit.SECONDS);
                    System.out.println("[runner] " + instance.name() + " did not start"
                            + (exited ? " (exit code " + instance.process().exitValue() + ")"
                                    : " within " + START_TIMEOUT_MILLIS / 1000 + " s")
                            + "; its output is above. Stopping the demo.");
                    stop();
                    return 1;
                }
            }
            printWelcome();
            for (InstanceProcess instance : instances) {
                instance.process().onExit().thenRun(() -> reportExit(instance));
            }
            for (InstanceProcess instance : instances) {
                instance.process().waitFor();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (stopping.get()) {
            return 0;
        }
        System.out.println("[runner] no instance is left running; stopping.");
        stop();
        return 1;
    }

    private static void ensureFree(String host, int port) {
        try (ServerSocket probe = new ServerSocket()) {
            probe.setReuseAddress(true);
            probe.bind(new InetSocketAddress(host, port));
        } catch (IOException e) {
            throw UsageException.cannotStart("port " + port + " on " + host + " is already in use (" + e.getMessage()
                    + "). Stop whatever listens there, or choose other ports:"
                    + " ./mvnw -q -Pdemo -DskipTests package -Ddemo.ports=9080,9081 (or --ports 9080,9081).");
        }
    }

    private String redisUri() {
        String configured = System.getenv("SESSION_REDIS_URI");
        if (configured != null && !configured.isBlank()) {
            System.out.println("[runner] using the Redis named by SESSION_REDIS_URI");
            return configured.strip();
        }
        redis = LocalRedis.obtain();
        return redis.uri();
    }

    private static void throwawayKeyIfNeeded(Map<String, String> environment) {
        if (isSet("SESSION_JWT_KEYS") || isSet("SESSION_JWT_KEYS_FILE")) {
            System.out.println("[runner] signing session cookies with the keys from SESSION_JWT_KEYS");
            return;
        }
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        environment.put("SESSION_JWT_KEYS", "demo:" + Base64.getUrlEncoder().withoutPadding().encodeToString(secret));
        System.out.println("[runner] SESSION_JWT_KEYS is not set: generated a throwaway 256-bit signing key"
                + " (kid \"demo\", not printed). Session cookies from this run are useless after it stops.");
    }

    private String jdbcUrl() {
        String configured = System.getenv("DEMO_JDBC_URL");
        if (configured != null && !configured.isBlank()) {
            System.out.println("[runner] members database: DEMO_JDBC_URL");
            return configured.strip();
        }
        try {
            database = MembersDatabaseServer.start(options.dataDir());
        } catch (SQLException e) {
            throw new IllegalStateException("cannot start the H2 members database in " + options.dataDir(), e);
        }
        System.out.println("[runner] members database: H2 server on 127.0.0.1, files in " + database.directory());
        return database.jdbcUrl();
    }

    private static boolean isSet(String variable) {
        String value = System.getenv(variable);
        return value != null && !value.isBlank();
    }

    private void printWelcome() {
        System.out.println("[runner] The Tea Club is running: " + instances.size() + " instances, one Redis, one"
                + " members database.");
        for (InstanceProcess instance : instances) {
            System.out.println("[runner]   " + instance.name() + "  http://" + options.browserHost() + ":"
                    + instance.port() + "/");
        }
        System.out.println("[runner] Log in on one, continue on another: the footer names the instance that"
                + " answered. Press Ctrl+C to stop.");
    }

    private void reportExit(InstanceProcess instance) {
        if (stopping.get()) {
            return;
        }
        int code = instance.process().exitValue();
        System.out.println("[runner] " + instance.name() + (code == 130 || code == 143 ? " was stopped"
                : " exited with code " + code) + "; the others keep serving.");
    }

    /** Stops the instances, then the database and the Redis this runner started. Safe to call twice. */
    private void stop() {
        if (!stopping.compareAndSet(false, true)) {
            return;
        }
        System.out.println("[runner] stopping...");
        instances.forEach(InstanceProcess::requestStop); // all at once, then wait for each
        for (InstanceProcess instance : instances) {
            try {
                instance.stop(STOP_GRACE_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (database != null) {
            database.close();
        }
        if (redis != null) {
            redis.close();
        }
        System.out.println("[runner] stopped.");
    }
}
