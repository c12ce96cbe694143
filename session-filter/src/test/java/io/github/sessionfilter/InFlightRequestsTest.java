package io.github.sessionfilter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class InFlightRequestsTest {

    @Test
    void awaitIdle_returnsAtOnce_whenNothingRuns() {
        InFlightRequests requests = new InFlightRequests();
        long started = System.nanoTime();
        assertEquals(0, requests.awaitIdle(Duration.ofSeconds(5)));
        assertTrue(System.nanoTime() - started < TimeUnit.SECONDS.toNanos(2));
    }

    @Test
    void awaitIdle_returnsWhenTheLastRequestExits() throws Exception {
        InFlightRequests requests = new InFlightRequests();
        requests.enter();
        requests.enter();
        CompletableFuture<Integer> waiting = CompletableFuture.supplyAsync(() -> requests.awaitIdle(Duration.ofSeconds(8)));
        Thread.sleep(100);
        requests.exit();
        Thread.sleep(100);
        assertTrue(!waiting.isDone(), "one request still runs");
        requests.exit();
        assertEquals(0, waiting.get(5, TimeUnit.SECONDS));
    }

    @Test
    void awaitIdle_givesUpAfterTheLimit_andReportsWhatStillRuns() {
        InFlightRequests requests = new InFlightRequests();
        requests.enter();
        long started = System.nanoTime();
        assertEquals(1, requests.awaitIdle(Duration.ofMillis(300)));
        long elapsedMillis = (System.nanoTime() - started) / 1_000_000;
        assertTrue(elapsedMillis >= 250 && elapsedMillis < 3000, "waited " + elapsedMillis + " ms");
    }
}
