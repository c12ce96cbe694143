package io.github.sessionfilter.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DetachedSessionStoreTest {
    private final SessionStoreException outage = new SessionStoreException("Redis load timed out after 1000 ms", null);
    private final DetachedSessionStore store = new DetachedSessionStore(outage, "redis://127.0.0.1:6379",
            new SessionIds(), 1800, Duration.ofHours(8));

    @Test
    void load_givesAnEmptySession_underAFreshId_neverTheRequestedOne() {
        String requested = new SessionIds().next();
        SessionRecord record = store.load(requested, 1_000L).orElseThrow();
        assertNotEquals(requested, record.id());
        assertTrue(record.attributes().isEmpty());
        assertEquals(1800, record.maxInactiveSeconds());
        assertEquals(1_000L + Duration.ofHours(8).toMillis(), record.expiresAtMillis());
    }

    @Test
    void save_keepsNothing_andReportsSuccess() {
        SessionChanges changes = new SessionChanges(SessionChanges.Kind.UPDATE, "id", SessionMetadata.NONE,
                Map.of("user", new byte[] {1}), Set.of(), 1000);
        assertTrue(store.save(changes));
    }

    @Test
    void logoutAndLogin_failWithTheOriginalCause() {
        SessionStoreException delete = assertThrows(SessionStoreException.class, () -> store.delete("id"));
        assertSame(outage, delete.getCause());
        SessionStoreException rename = assertThrows(SessionStoreException.class, () -> store.changeId("id", null));
        assertSame(outage, rename.getCause());
    }
}
