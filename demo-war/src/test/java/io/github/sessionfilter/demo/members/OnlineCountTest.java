package io.github.sessionfilter.demo.members;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The "online now" row against an in-memory H2 database; the same SQL runs on PostgreSQL. */
class OnlineCountTest {
    private OnlineCount online;

    @BeforeEach
    void openFreshDatabase() throws Exception {
        JdbcSettings settings = new JdbcSettings("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "");
        settings.loadDriver();
        online = new OnlineCount(settings);
        online.createSchema();
    }

    @Test
    void startsAtZero_andCreatingTheSchemaAgainKeepsTheCount() throws Exception {
        assertEquals(0, online.shown());
        online.add(2);
        online.createSchema(); // the second instance starting
        assertEquals(2, online.stored());
    }

    @Test
    void addAndSubtract() throws Exception {
        online.add(1);
        online.add(1);
        online.add(-1);
        assertEquals(1, online.shown());
    }

    @Test
    void neverShownBelowZero() throws Exception {
        online.add(-3); // sessions ended that were counted before a reset
        assertEquals(-3, online.stored());
        assertEquals(0, online.shown());
    }

    @Test
    void concurrentChanges_noneLost() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> changes = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                long delta = i % 4 == 0 ? -1 : 1;
                changes.add(pool.submit(() -> {
                    online.add(delta);
                    return null;
                }));
            }
            for (Future<?> change : changes) {
                change.get();
            }
        } finally {
            pool.shutdown();
        }
        assertEquals(75 - 25, online.stored());
    }
}
