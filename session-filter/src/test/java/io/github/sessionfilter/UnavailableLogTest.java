package io.github.sessionfilter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class UnavailableLogTest {
    private final AtomicLong now = new AtomicLong(1_000);
    private final UnavailableLog log = new UnavailableLog(now::get);

    @Test
    void firstFailure_isLoggedAtOnce_thenOneLinePerInterval_countingTheRest() {
        assertEquals("Answering 503: Redis load timed out", log.answered("Redis load timed out"));
        for (int i = 0; i < 500; i++) {
            now.addAndGet(1_000_000);
            assertNull(log.answered("Redis load timed out"), "request " + i + " only counted");
        }
        now.addAndGet(UnavailableLog.INTERVAL_NANOS);
        assertEquals("Answering 503: Redis save timed out (and 500 more 503s since the last such line)",
                log.answered("Redis save timed out"));
        now.addAndGet(UnavailableLog.INTERVAL_NANOS);
        assertEquals("Answering 503: Redis load timed out", log.answered("Redis load timed out"));
    }
}
