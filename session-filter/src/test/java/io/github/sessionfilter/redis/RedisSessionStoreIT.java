package io.github.sessionfilter.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.sessionfilter.core.SessionChanges;
import io.github.sessionfilter.core.SessionMetadata;
import io.github.sessionfilter.core.SessionRecord;
import io.github.sessionfilter.testing.TestKeys;
import io.github.sessionfilter.testing.TestRedis;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@link RedisSessionStore} on a real Redis: {@link RedisSessionStore#touch} (an access recorded without
 * reading the session) and the limit on the size of a loaded hash.
 */
class RedisSessionStoreIT {
    private static final long MAX_HASH_BYTES = 10_000;
    private static RedisSessionStore store;

    @BeforeAll
    static void open() {
        store = RedisSessionStore.create(new RedisConnectionOptions(TestRedis.get().uri(), Duration.ofSeconds(10), null,
                RedisConnectionOptions.TlsVerification.FULL), TestKeys.prefix(), MAX_HASH_BYTES, null,
                RedisCallListener.NONE);
    }

    @AfterAll
    static void close() {
        store.close();
    }

    @Test
    void load_hashLargerThanTheLimit_isNotReturned() {
        long now = System.currentTimeMillis();
        String id = UUID.randomUUID().toString();
        assertTrue(store.save(new SessionChanges(SessionChanges.Kind.CREATE, id,
                new SessionMetadata(now, now, 600, now + 3_600_000L), Map.of("big", new byte[(int) MAX_HASH_BYTES]),
                Set.of(), 60_000)));
        assertTrue(store.load(id, now).isEmpty(), "a hash over the limit never crosses the network");

        String small = create(now, 600);
        assertTrue(store.load(small, now).isPresent(), "a hash within the limit loads");
    }

    private static String create(long now, int maxInactiveSeconds) {
        String id = UUID.randomUUID().toString();
        assertTrue(store.save(new SessionChanges(SessionChanges.Kind.CREATE, id,
                new SessionMetadata(now, now, maxInactiveSeconds, now + 3_600_000L), Map.of("a", new byte[] {1}),
                Set.of(), 60_000)));
        return id;
    }

    @Test
    void touch_movesLastAccessForward_andNeverBack() {
        long now = System.currentTimeMillis();
        String id = create(now, 600);
        assertTrue(store.touch(id, now + 5_000));
        assertTrue(store.touch(id, now + 1_000), "an older clock still touches");
        Optional<SessionRecord> record = store.load(id, now + 6_000);
        assertEquals(now + 5_000, record.orElseThrow().lastAccessedMillis());
    }

    @Test
    void touch_missingSession_createsNothing() {
        String id = UUID.randomUUID().toString();
        assertFalse(store.touch(id, System.currentTimeMillis()));
        assertTrue(store.load(id, System.currentTimeMillis()).isEmpty());
    }

    @Test
    void touch_afterIdleTimeout_deletesTheSession() {
        long now = System.currentTimeMillis();
        String id = create(now, 1);
        assertFalse(store.touch(id, now + 1_500));
        assertTrue(store.load(id, now).isEmpty(), "deleted, not only refused");
    }
}
