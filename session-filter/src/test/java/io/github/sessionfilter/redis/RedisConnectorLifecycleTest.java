package io.github.sessionfilter.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.sessionfilter.core.SessionStoreException;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The Lettuce client is created on the connect thread, not by {@link RedisConnector#create}; {@link
 * RedisConnector#close} stops it even when it runs while that thread is still creating it. No Redis is
 * needed: nothing listens on the port, and the client is stopped before it could connect.
 */
@Timeout(30)
class RedisConnectorLifecycleTest {
    private static final RedisConnectionOptions NOWHERE = new RedisConnectionOptions("redis://127.0.0.1:1",
            Duration.ofMillis(500), null, RedisConnectionOptions.TlsVerification.FULL).withMode(RedisMode.STANDALONE);

    @Test
    void closeWhileTheConnectThreadCreatesTheClient_stopsEveryThreadItStarted() throws Exception {
        Set<Thread> before = Set.copyOf(Thread.getAllStackTraces().keySet());
        CountDownLatch creating = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        RedisConnector connector = RedisConnector.create(NOWHERE, (operation, nanos, failure) -> { }, () -> {
            creating.countDown();
            awaitUninterruptibly(release);
        });
        assertTrue(creating.await(10, TimeUnit.SECONDS), "the first connect attempt did not start on the connect thread");
        assertEquals(Set.of(), newThreads(before, "lettuce"), "create() started Lettuce threads on the caller's thread");

        Thread closer = new Thread(connector::close, "closer");
        closer.start();
        // close() has marked the connector closed and interrupted the connect thread once it waits for that thread.
        while (closer.getState() != Thread.State.TIMED_WAITING && closer.isAlive()) {
            Thread.sleep(5);
        }
        release.countDown(); // the client is created now, after close() began
        closer.join(TimeUnit.SECONDS.toMillis(10));

        assertTrue(!closer.isAlive(), "close() did not return");
        assertEquals(Set.of(), aliveSoon(before), "threads of a client created during close() are still running");
        SessionStoreException e = assertThrows(SessionStoreException.class, () -> connector.call("ping", c -> c.ping()));
        assertTrue(e.getMessage().contains("closed"), e.getMessage());
    }

    @Test
    void closeBeforeTheClientWasCreated_createsNone() throws Exception {
        Set<Thread> before = Set.copyOf(Thread.getAllStackTraces().keySet());
        CountDownLatch creating = new CountDownLatch(1);
        RedisConnector connector = RedisConnector.create(NOWHERE, (operation, nanos, failure) -> { }, () -> {
            creating.countDown();
            throw new IllegalStateException("held back by the test");
        });
        assertTrue(creating.await(10, TimeUnit.SECONDS));
        connector.close();
        assertEquals(Set.of(), aliveSoon(before));
    }

    private static void awaitUninterruptibly(CountDownLatch latch) {
        boolean interrupted = false;
        while (true) {
            try {
                latch.await();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** New Lettuce or session-filter threads still alive after up to 5 s. */
    private static Set<String> aliveSoon(Set<Thread> before) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        Set<String> alive = newThreads(before, "lettuce", "session-filter-redis");
        while (!alive.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(20);
            alive = newThreads(before, "lettuce", "session-filter-redis");
        }
        return alive;
    }

    private static Set<String> newThreads(Set<Thread> before, String... prefixes) {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> !before.contains(t) && t.isAlive())
                .map(Thread::getName)
                .filter(name -> java.util.Arrays.stream(prefixes).anyMatch(name::startsWith))
                .collect(Collectors.toSet());
    }
}
