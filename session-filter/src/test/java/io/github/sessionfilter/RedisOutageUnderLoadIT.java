package io.github.sessionfilter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.sessionfilter.localredis.LocalRedis;
import io.github.sessionfilter.testing.Figures;
import io.github.sessionfilter.testing.ReliabilityServlet;
import io.github.sessionfilter.testing.SessionLoad;
import io.github.sessionfilter.testing.SessionLoad.Kind;
import io.github.sessionfilter.testing.SessionLoad.Sample;
import io.github.sessionfilter.testing.TwoInstances;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Redis goes away under a steady load on two instances (4 users; each adds to its cart, reads it, and
 * fetches a page without session, alternating instances), with the default 1 s timeout. Two ways:
 * the process is killed for 10 s and restarted (its append-only file, fsync always, keeps acknowledged
 * writes), or it stays up but answers nothing for 5 s ({@code CLIENT PAUSE ... ALL}).
 */
class RedisOutageUnderLoadIT {
    private static final int CLIENTS = 4;
    private static final Duration THINK_TIME = Duration.ofMillis(20);

    private static LocalRedis redis;
    private static TwoInstances app;

    @BeforeAll
    static void start() throws Exception {
        redis = LocalRedis.startProcess("--appendonly", "yes", "--appendfsync", "always");
        Map<String, String> settings = TwoInstances.settings(redis);
        app = TwoInstances.start(redis, settings, () -> new RedisSessionFilter(Map.of()), ReliabilityServlet::new);
    }

    @AfterAll
    static void stop() throws Exception {
        app.close();
        redis.close();
    }

    @Test
    @Timeout(240)
    void redisKilledFor10s_underLoad_sessionRequestsFailFastWith503_othersServed_nothingAcknowledgedIsLost()
            throws Exception {
        Outcome outcome = run("Redis killed for 10 s, then restarted", () -> {
            redis.process().stop();
            Thread.sleep(10_000);
            redis.process().start();
        });
        outcome.assertHealthy();
        assertTrue(outcome.failedSession > 0, "the outage was noticed");
    }

    @Test
    @Timeout(240)
    void redisUnresponsiveFor5s_underLoad_sessionRequestsFailWithinTheTimeout_nothingAcknowledgedIsLost()
            throws Exception {
        RedisClient admin = RedisClient.create(redis.uri());
        try (StatefulRedisConnection<String, String> connection = admin.connect()) {
            Outcome outcome = run("Redis unresponsive for 5 s (CLIENT PAUSE ALL)", () -> {
                connection.sync().clientPause(5_000);
                Thread.sleep(5_000);
            });
            outcome.assertHealthy();
            assertTrue(outcome.failedSession > 0, "the pause was noticed");
            assertTrue(outcome.maxFailedLatencyNanos >= 500_000_000L,
                    "failures while Redis is silent come from the timeout, not earlier: "
                            + Figures.millis(outcome.maxFailedLatencyNanos) + " ms");
        } finally {
            admin.shutdown();
        }
    }

    /** Runs the load, disturbs Redis, waits for recovery, and measures. */
    private static Outcome run(String label, Disturbance disturbance) throws Exception {
        SessionLoad load = SessionLoad.start(app, CLIENTS, THINK_TIME);
        ThreadPeak threads = new ThreadPeak();
        try {
            Thread.sleep(3_000);
            double heapBefore = usedHeapAfterGcMb();
            threads.start();
            long disturbedAt = System.nanoTime();
            disturbance.run();
            long backAt = System.nanoTime();
            long recoveredAt = awaitRecovery(load, backAt);
            Thread.sleep(3_000);
            load.stop();
            threads.stop();
            double heapAfter = usedHeapAfterGcMb();
            SessionLoad.Verification verification = load.verify();
            Outcome outcome = new Outcome(label, load.samples(), disturbedAt, backAt, recoveredAt, verification,
                    heapBefore, heapAfter, threads.baseline, threads.peak.get());
            outcome.print();
            return outcome;
        } finally {
            load.stop();
            threads.stop();
        }
    }

    /** The end of the first successful session request that started after Redis was back, on each instance. */
    private static long awaitRecovery(SessionLoad load, long backAt) throws InterruptedException {
        long deadline = backAt + 30_000_000_000L;
        while (System.nanoTime() < deadline) {
            long a = firstSuccess(load.samples(), 'a', backAt);
            long b = firstSuccess(load.samples(), 'b', backAt);
            if (a > 0 && b > 0) {
                return Math.max(a, b);
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no recovery within 30 s after Redis was back");
    }

    private static long firstSuccess(List<Sample> samples, char instance, long after) {
        return samples.stream()
                .filter(s -> s.kind() != Kind.NONE && s.instance() == instance && s.startNanos() >= after && s.ok())
                .mapToLong(Sample::endNanos).min().orElse(0);
    }

    private static double usedHeapAfterGcMb() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(100);
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() / (1024.0 * 1024.0);
    }

    @FunctionalInterface
    private interface Disturbance {
        void run() throws Exception;
    }

    /** Samples the JVM's live thread count every 100 ms. */
    private static final class ThreadPeak {
        final int baseline = ManagementFactory.getThreadMXBean().getThreadCount();
        final AtomicInteger peak = new AtomicInteger(baseline);
        volatile boolean running;
        Thread sampler;

        void start() {
            running = true;
            sampler = new Thread(() -> {
                while (running) {
                    peak.accumulateAndGet(ManagementFactory.getThreadMXBean().getThreadCount(), Math::max);
                    try {
                        Thread.sleep(100);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "thread-peak");
            sampler.setDaemon(true);
            sampler.start();
        }

        void stop() {
            running = false;
        }
    }

    /** The figures of one run. */
    private static final class Outcome {
        final String label;
        final long servedSession;
        final long failedSession;
        final long servedOther;
        final long failedOther;
        final long failedWithoutRetryAfter;
        final long failedNot503;
        final long maxFailedLatencyNanos;
        final long errorWindowNanos;
        final long recoveryNanos;
        final long failuresAfterRecovery;
        final SessionLoad.Verification verification;
        final double heapBefore;
        final double heapAfter;
        final int threadsBefore;
        final int threadsPeak;

        Outcome(String label, List<Sample> samples, long disturbedAt, long backAt, long recoveredAt,
                SessionLoad.Verification verification, double heapBefore, double heapAfter, int threadsBefore,
                int threadsPeak) {
            this.label = label;
            List<Sample> session = samples.stream().filter(s -> s.kind() != Kind.NONE).toList();
            List<Sample> failed = session.stream().filter(s -> !s.ok()).toList();
            this.servedSession = session.size() - failed.size();
            this.failedSession = failed.size();
            this.servedOther = samples.stream().filter(s -> s.kind() == Kind.NONE && s.ok()).count();
            this.failedOther = samples.stream().filter(s -> s.kind() == Kind.NONE && !s.ok()).count();
            this.failedWithoutRetryAfter = failed.stream().filter(s -> s.status() == 503 && !s.retryAfter()).count();
            this.failedNot503 = failed.stream().filter(s -> s.status() != 503).count();
            this.maxFailedLatencyNanos = failed.stream().mapToLong(Sample::latencyNanos).max().orElse(0);
            long firstFailure = failed.stream().mapToLong(Sample::startNanos).min().orElse(disturbedAt);
            long lastFailure = failed.stream().mapToLong(Sample::endNanos).max().orElse(disturbedAt);
            this.errorWindowNanos = failed.isEmpty() ? 0 : lastFailure - firstFailure;
            this.recoveryNanos = recoveredAt - backAt;
            this.failuresAfterRecovery = failed.stream().filter(s -> s.startNanos() > recoveredAt).count();
            this.verification = verification;
            this.heapBefore = heapBefore;
            this.heapAfter = heapAfter;
            this.threadsBefore = threadsBefore;
            this.threadsPeak = threadsPeak;
        }

        void print() {
            Figures.report("%s: error window %.1f s; session requests served %d, failed %d (%d not 503, %d without"
                            + " Retry-After); non-session requests served %d, failed %d; slowest failed session request"
                            + " %d ms; recovery %.1f s after Redis was back; session failures after recovery %d;"
                            + " acknowledged changes %d, lost %d, applied although not acknowledged %d;"
                            + " used heap after GC %.1f -> %.1f MB; live threads %d -> peak %d",
                    label, Figures.seconds(errorWindowNanos), servedSession, failedSession, failedNot503,
                    failedWithoutRetryAfter, servedOther, failedOther, Figures.millis(maxFailedLatencyNanos),
                    Figures.seconds(recoveryNanos), failuresAfterRecovery, verification.acknowledged(),
                    verification.lost(), verification.appliedWithoutAcknowledgement(), heapBefore, heapAfter,
                    threadsBefore, threadsPeak);
        }

        void assertHealthy() {
            assertEquals(0, failedOther, "requests that do not touch the session all succeed");
            assertEquals(0, failedNot503, "a failed session request is a 503, never a 500, hang or reset");
            assertEquals(0, failedWithoutRetryAfter, "every 503 carries Retry-After");
            assertTrue(maxFailedLatencyNanos < 3_000_000_000L, "failed within about the 1 s timeout, slowest took "
                    + Figures.millis(maxFailedLatencyNanos) + " ms");
            assertTrue(recoveryNanos < 10_000_000_000L, "recovered by itself in " + Figures.seconds(recoveryNanos) + " s");
            assertEquals(0, verification.lost(), "no acknowledged change is lost");
            assertTrue(verification.acknowledged() > 0);
            assertTrue(threadsPeak - threadsBefore < 50, "no thread pile-up: " + threadsBefore + " -> " + threadsPeak);
            assertTrue(heapAfter - heapBefore < 64, "heap roughly flat: " + heapBefore + " -> " + heapAfter + " MB");
        }
    }
}
