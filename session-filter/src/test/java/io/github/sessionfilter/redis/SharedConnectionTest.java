package io.github.sessionfilter.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.sessionfilter.core.SessionStoreException;
import io.lettuce.core.api.StatefulConnection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(20)
class SharedConnectionTest {
    /** Connect attempts the test completes by hand. */
    private final List<CompletableFuture<StatefulConnection<?, ?>>> attempts = new ArrayList<>();
    private final SharedConnection<StatefulConnection<?, ?>> shared = new SharedConnection<>(this::open, "redis://test:6379");

    private synchronized CompletionStage<StatefulConnection<?, ?>> open() {
        CompletableFuture<StatefulConnection<?, ?>> attempt = new CompletableFuture<>();
        attempts.add(attempt);
        return attempt;
    }

    private synchronized int attemptCount() {
        return attempts.size();
    }

    @Test
    void concurrentCallers_shareOneConnectAttempt() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<StatefulConnection<?, ?>>> callers = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                callers.add(pool.submit(() -> shared.get(Duration.ofSeconds(5))));
            }
            Thread.sleep(200);
            assertEquals(1, attemptCount(), "one attempt for all callers");
            FakeConnection fake = new FakeConnection();
            attempts.get(0).complete(fake.connection);
            for (Future<StatefulConnection<?, ?>> caller : callers) {
                assertSame(fake.connection, caller.get(5, TimeUnit.SECONDS));
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void slowAttempt_failsTheCallerAfterItsWait_butIsNotAbandoned() {
        SessionStoreException slow = assertThrows(SessionStoreException.class, () -> shared.get(Duration.ofMillis(100)));
        assertTrue(slow.getMessage().contains("did not finish within 100 ms"), slow.getMessage());
        FakeConnection fake = new FakeConnection();
        attempts.get(0).complete(fake.connection);
        assertSame(fake.connection, shared.get(Duration.ofMillis(100)));
        assertEquals(1, attemptCount(), "the slow attempt was used, not restarted");
    }

    @Test
    void failedAttempt_isRetriedByTheNextCaller() {
        shared.openInBackground();
        attempts.get(0).completeExceptionally(new IllegalStateException("Connection refused"));
        SessionStoreException refused = assertThrows(SessionStoreException.class, () -> shared.get(Duration.ofMillis(50)));
        assertEquals(2, attemptCount(), "the failed background attempt was retried");
        attempts.get(1).completeExceptionally(new IllegalStateException("Connection refused"));
        assertTrue(refused.getMessage().contains("did not finish") || refused.getMessage().contains("refused"));
        FakeConnection fake = new FakeConnection();
        shared.openInBackground();
        attempts.get(2).complete(fake.connection);
        assertSame(fake.connection, shared.get(Duration.ofMillis(50)));
    }

    @Test
    void replace_closesTheDeadConnection_andTheNextCallerOpensANewOne() {
        FakeConnection first = new FakeConnection();
        shared.openInBackground();
        attempts.get(0).complete(first.connection);
        assertSame(first.connection, shared.current());

        assertTrue(shared.replace(first.connection));
        assertEquals(1, first.closed.get());
        assertNull(shared.current());
        assertFalse(shared.replace(first.connection), "a second report of the same dead connection changes nothing");

        FakeConnection second = new FakeConnection();
        CompletableFuture<StatefulConnection<?, ?>> got = CompletableFuture.supplyAsync(() -> shared.get(Duration.ofSeconds(5)));
        while (attemptCount() < 2) {
            Thread.onSpinWait();
        }
        attempts.get(1).complete(second.connection);
        assertSame(second.connection, got.join());
    }

    @Test
    void close_closesTheConnection_andLaterAttemptsToo() {
        FakeConnection open = new FakeConnection();
        shared.openInBackground();
        attempts.get(0).complete(open.connection);
        FakeConnection late = new FakeConnection();
        shared.replace(open.connection);
        shared.openInBackground();
        shared.close();
        attempts.get(1).complete(late.connection);
        assertEquals(1, late.closed.get(), "a connection that arrives after close is closed");
        assertThrows(SessionStoreException.class, () -> shared.get(Duration.ofMillis(50)));
    }
}
