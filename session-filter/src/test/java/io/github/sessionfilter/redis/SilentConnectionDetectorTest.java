package io.github.sessionfilter.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.lettuce.core.api.StatefulConnection;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(20)
class SilentConnectionDetectorTest {
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    private final FakeConnection fake = new FakeConnection();
    private final SharedConnection<StatefulConnection<?, ?>> shared =
            new SharedConnection<>(() -> CompletableFuture.completedFuture(fake.connection), "redis://test:6379");
    private final SilentConnectionDetector<StatefulConnection<?, ?>> detector = new SilentConnectionDetector<>(shared,
            c -> new CompletableFuture<>(), scheduler, Duration.ofSeconds(1), "redis://test:6379");

    @AfterEach
    void stop() {
        detector.close();
        scheduler.shutdownNow();
    }

    @Test
    void twoTimeoutsInARow_closeTheConnection() {
        shared.openInBackground();
        detector.timedOut(fake.connection);
        assertSame(fake.connection, shared.current(), "one timeout may be a slow command");
        detector.timedOut(fake.connection);
        assertNull(shared.current());
        assertEquals(1, fake.closed.get());
    }

    @Test
    void anAnswerInBetween_provesTheConnectionAlive() {
        shared.openInBackground();
        detector.timedOut(fake.connection);
        detector.answered();
        detector.timedOut(fake.connection);
        assertSame(fake.connection, shared.current());
        assertEquals(0, fake.closed.get());
    }

    @Test
    void timeoutsOfAConnectionAlreadyReplaced_areIgnored() {
        FakeConnection old = new FakeConnection();
        shared.openInBackground();
        detector.timedOut(old.connection);
        detector.timedOut(old.connection);
        assertSame(fake.connection, shared.current());
        assertEquals(0, old.closed.get());
    }
}
