package io.github.sessionfilter.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * What every {@link SessionStore} promises, one subclass per backend (after Jetty's
 * {@code AbstractSessionDataStoreTest}). Time is the explicit {@code nowMillis}, far from the wall
 * clock on purpose: no store may read a clock of its own. Every test uses fresh ids, so a shared
 * store (one per class for Redis) needs no cleaning.
 *
 * <p>Subclasses give the store and a back door into its storage ({@link #stored}, {@link #plant},
 * {@link #ttlMillis}) that neither records an access nor applies any rule.
 */
public abstract class SessionStoreContract {
    /** A made-up instant: scripts must use the caller's clock, never Redis TIME or the JVM's. */
    protected static final long T0 = 1_000_000_000_000L;
    protected static final long HOUR = 3_600_000L;
    protected static final int IDLE_SECONDS = 600;
    /** An idle timeout longer than the absolute one, so only the absolute timeout matters. */
    protected static final int LONG_IDLE_SECONDS = 7_200;
    protected static final long TTL = 600_000L;

    /** The store under test; may be shared by the tests of one class. */
    protected abstract SessionStore store();

    /** The hash as stored (metadata fields missing are null), or empty if the session does not exist. */
    protected abstract Optional<Stored> stored(String id);

    /** Writes a hash as it is, bypassing the store (e.g. one with missing metadata fields). */
    protected abstract void plant(String id, SessionMetadata metadata, Map<String, byte[]> attributes);

    /** The remaining time-to-live as Redis PTTL reports it: -2 when the session does not exist. */
    protected abstract long ttlMillis(String id);

    /**
     * How far a reported time-to-live may fall short of the one set (Redis counts down in real time).
     */
    protected long ttlSlackMillis() {
        return 0;
    }

    /** A fresh session id. */
    protected String newId() {
        return UUID.randomUUID().toString();
    }

    /** A fresh id for {@code changeId}; a cluster backend picks one that lives on another node. */
    protected String newIdAwayFrom(String oldId) {
        return newId();
    }

    /** A session hash as stored, read without touching it. */
    public record Stored(SessionMetadata metadata, Map<String, byte[]> attributes) {
    }

    // ---- create ----------------------------------------------------------------------------------

    @Test
    void create_newId_storesMetadataAndAttributes() {
        String id = create(T0, IDLE_SECONDS, Map.of("user", "alice", "cart", "3 items"));

        SessionRecord record = store().load(id, T0 + 1_000).orElseThrow();
        assertEquals(id, record.id());
        assertEquals(T0, record.createdMillis());
        assertEquals(T0, record.lastAccessedMillis());
        assertEquals(IDLE_SECONDS, record.maxInactiveSeconds());
        assertEquals(T0 + HOUR, record.expiresAtMillis());
        assertEquals(Map.of("user", "alice", "cart", "3 items"), text(record.attributes()));
    }

    @Test
    void create_existingId_returnsFalse_andChangesNothing() {
        String id = create(T0, IDLE_SECONDS, Map.of("user", "alice"));

        assertFalse(store().save(new SessionChanges(SessionChanges.Kind.CREATE, id,
                new SessionMetadata(T0 + 5, T0 + 5, 1, T0 + 10), bytes(Map.of("user", "mallory", "extra", "x")),
                Set.of("user"), 1_000)));

        Stored stored = stored(id).orElseThrow();
        assertEquals(new SessionMetadata(T0, T0, IDLE_SECONDS, T0 + HOUR), stored.metadata());
        assertEquals(Map.of("user", "alice"), text(stored.attributes()));
        assertTtl(TTL, id);
    }

    @Test
    void attributes_arbitraryBytesAndUnicodeNames_roundTrip() {
        byte[] everyByte = new byte[256];
        for (int i = 0; i < everyByte.length; i++) {
            everyByte[i] = (byte) i;
        }
        String id = newId();
        assertTrue(store().save(new SessionChanges(SessionChanges.Kind.CREATE, id, metadata(T0, IDLE_SECONDS),
                Map.of("größe {x}:ü", everyByte, "empty", new byte[0]), Set.of(), TTL)));

        Map<String, byte[]> attributes = store().load(id, T0).orElseThrow().attributes();
        assertEquals(Set.of("größe {x}:ü", "empty"), attributes.keySet());
        assertEquals(hex(everyByte), hex(attributes.get("größe {x}:ü")));
        assertEquals(0, attributes.get("empty").length);
    }

    @Test
    void storedValues_areNotSharedWithCallers() {
        byte[] written = "alice".getBytes(StandardCharsets.UTF_8);
        String id = newId();
        store().save(new SessionChanges(SessionChanges.Kind.CREATE, id, metadata(T0, IDLE_SECONDS),
                Map.of("user", written), Set.of(), TTL));
        written[0] = 'X';
        store().load(id, T0).orElseThrow().attributes().get("user")[0] = 'Y';

        assertEquals("alice", text(store().load(id, T0).orElseThrow().attributes()).get("user"));
    }

    // ---- update ----------------------------------------------------------------------------------

    @Test
    void update_missingSession_returnsFalse_andCreatesNothing() {
        String id = newId();

        assertFalse(store().save(update(id, Map.of("user", "alice"), Set.of())));

        assertTrue(stored(id).isEmpty());
        assertEquals(-2, ttlMillis(id));
    }

    @Test
    void update_afterDelete_neverBringsTheSessionBack() {
        String id = create(T0, IDLE_SECONDS, Map.of("user", "alice"));
        store().delete(id);

        assertFalse(store().save(update(id, Map.of("cart", "3 items"), Set.of("user"))));

        assertTrue(stored(id).isEmpty(), "an invalidated session was resurrected by a late write");
        assertTrue(store().load(id, T0).isEmpty());
    }

    @Test
    void update_afterTheSessionTimedOutOnLoad_neverBringsItBack() {
        String id = create(T0, 1, Map.of("user", "alice"));
        assertTrue(store().load(id, T0 + 1_000).isEmpty());

        assertFalse(store().save(update(id, Map.of("cart", "3 items"), Set.of())));

        assertTrue(stored(id).isEmpty());
    }

    @Test
    void update_writesOnlyTheGivenAttributes_andRemovesTheGivenRemovals() {
        String id = create(T0, IDLE_SECONDS, Map.of("user", "alice", "cart", "3 items", "theme", "dark"));

        assertTrue(store().save(new SessionChanges(SessionChanges.Kind.UPDATE, id, SessionMetadata.NONE,
                bytes(Map.of("cart", "4 items", "new", "n")), Set.of("theme", "neverThere"), 2 * TTL)));

        Stored stored = stored(id).orElseThrow();
        assertEquals(Map.of("user", "alice", "cart", "4 items", "new", "n"), text(stored.attributes()));
        assertEquals(new SessionMetadata(T0, T0, IDLE_SECONDS, T0 + HOUR), stored.metadata(),
                "metadata NONE leaves every metadata field as it was");
        assertTtl(2 * TTL, id);
    }

    @Test
    void update_writesOnlyTheGivenMetadataFields() {
        String id = create(T0, IDLE_SECONDS, Map.of("user", "alice"));

        assertTrue(store().save(new SessionChanges(SessionChanges.Kind.UPDATE, id,
                new SessionMetadata(null, T0 + 7, 60, null), Map.of(), Set.of(), 60_000)));

        Stored stored = stored(id).orElseThrow();
        assertEquals(new SessionMetadata(T0, T0 + 7, 60, T0 + HOUR), stored.metadata());
        assertEquals(Map.of("user", "alice"), text(stored.attributes()));
    }

    @Test
    void update_removingEveryAttribute_keepsTheSession() {
        String id = create(T0, IDLE_SECONDS, Map.of("user", "alice"));

        assertTrue(store().save(update(id, Map.of(), Set.of("user"))));

        SessionRecord record = store().load(id, T0 + 1).orElseThrow();
        assertTrue(record.attributes().isEmpty());
    }

    // ---- load ------------------------------------------------------------------------------------

    @Test
    void load_missingSession_returnsNothing_andCreatesNothing() {
        String id = newId();

        assertTrue(store().load(id, T0).isEmpty());

        assertTrue(stored(id).isEmpty());
    }

    @Test
    void load_returnsTheRecordAsBeforeTheAccess_andMovesLastAccessForward() {
        String id = create(T0, IDLE_SECONDS, Map.of("user", "alice"));

        SessionRecord first = store().load(id, T0 + 10_000).orElseThrow();
        SessionRecord second = store().load(id, T0 + 20_000).orElseThrow();

        assertEquals(T0, first.lastAccessedMillis(), "the previous access, not this one");
        assertEquals(T0 + 10_000, second.lastAccessedMillis());
        assertEquals(T0 + 20_000, stored(id).orElseThrow().metadata().lastAccessedMillis());
        assertEquals(T0, second.createdMillis(), "an access changes nothing but the last access");
    }

    @Test
    void load_slidesTheTtl_toTheIdleTimeoutCappedByTheAbsoluteTimeout() {
        String id = create(T0, IDLE_SECONDS, Map.of());
        store().load(id, T0 + 1_000);
        assertTtl(IDLE_SECONDS * 1000L, id);

        String nearTheEnd = create(T0, LONG_IDLE_SECONDS, Map.of());
        store().load(nearTheEnd, T0 + HOUR - 5_000);
        assertTtl(5_000, nearTheEnd);
    }

    @Test
    void load_withoutIdleTimeout_keepsTheSessionUntilTheAbsoluteTimeout() {
        String id = create(T0, 0, Map.of("user", "alice"));

        assertTrue(store().load(id, T0 + HOUR - 60_000).isPresent(), "no idle timeout: a long pause is fine");
        assertTtl(60_000, id);
    }

    @Test
    void load_negativeIdleTimeout_meansNone() {
        String id = create(T0, -1, Map.of("user", "alice"));

        assertTrue(store().load(id, T0 + HOUR - 60_000).isPresent());
        assertTtl(60_000, id);
    }

    @Test
    void load_atTheIdleTimeout_deletesTheSession() {
        String id = create(T0, IDLE_SECONDS, Map.of("user", "alice"));
        assertTrue(store().load(id, T0 + IDLE_SECONDS * 1000L - 1).isPresent(), "one millisecond before");
        long last = T0 + IDLE_SECONDS * 1000L - 1;

        assertTrue(store().load(id, last + IDLE_SECONDS * 1000L).isEmpty());

        assertTrue(stored(id).isEmpty(), "deleted, not only refused");
        assertTrue(store().load(id, last).isEmpty(), "an older clock does not bring it back");
    }

    @Test
    void load_atTheAbsoluteTimeout_deletesTheSession_evenIfRecentlyUsed() {
        String id = create(T0, LONG_IDLE_SECONDS, Map.of("user", "alice"));
        assertTrue(store().touch(id, T0 + HOUR - 1_000));

        assertTrue(store().load(id, T0 + HOUR).isEmpty());

        assertTrue(stored(id).isEmpty());
    }

    @Test
    void load_withAnOlderClock_neverMovesLastAccessBack() {
        String id = create(T0, IDLE_SECONDS, Map.of());
        store().load(id, T0 + 50_000);

        SessionRecord fromTheLaggingInstance = store().load(id, T0 + 20_000).orElseThrow();

        assertEquals(T0 + 50_000, fromTheLaggingInstance.lastAccessedMillis());
        assertEquals(T0 + 50_000, stored(id).orElseThrow().metadata().lastAccessedMillis());
    }

    // ---- touch -----------------------------------------------------------------------------------

    @Test
    void touch_recordsTheAccess_andSlidesTheTtl() {
        String id = create(T0, IDLE_SECONDS, Map.of("user", "alice"));

        assertTrue(store().touch(id, T0 + 30_000));

        assertEquals(T0 + 30_000, stored(id).orElseThrow().metadata().lastAccessedMillis());
        assertTtl(IDLE_SECONDS * 1000L, id);
        assertEquals(Map.of("user", "alice"), text(stored(id).orElseThrow().attributes()));
    }

    @Test
    void touch_missingSession_returnsFalse_andCreatesNothing() {
        String id = newId();

        assertFalse(store().touch(id, T0));

        assertTrue(stored(id).isEmpty());
        assertEquals(-2, ttlMillis(id));
    }

    @Test
    void touch_atTheIdleTimeout_deletesTheSession() {
        String id = create(T0, 1, Map.of("user", "alice"));

        assertFalse(store().touch(id, T0 + 1_000));

        assertTrue(stored(id).isEmpty(), "deleted, not only refused");
    }

    @Test
    void touch_atTheAbsoluteTimeout_deletesTheSession() {
        String id = create(T0, 0, Map.of("user", "alice"));

        assertFalse(store().touch(id, T0 + HOUR));

        assertTrue(stored(id).isEmpty());
    }

    @Test
    void touch_withAnOlderClock_neverMovesLastAccessBack() {
        String id = create(T0, IDLE_SECONDS, Map.of());
        assertTrue(store().touch(id, T0 + 50_000));

        assertTrue(store().touch(id, T0 + 20_000), "an older clock still counts as an access");

        assertEquals(T0 + 50_000, store().load(id, T0 + 60_000).orElseThrow().lastAccessedMillis());
    }

    // ---- a hash the filter did not write completely -------------------------------------------

    @Test
    void incompleteHash_isIgnoredByLoadAndTouch_andLeftAlone() {
        String id = newId();
        SessionMetadata partial = new SessionMetadata(T0, null, IDLE_SECONDS, T0 + HOUR);
        plant(id, partial, bytes(Map.of("user", "alice")));

        assertTrue(store().load(id, T0 + 1_000).isEmpty());
        assertFalse(store().touch(id, T0 + 2_000));

        Stored stored = stored(id).orElseThrow(() -> new AssertionError("an incomplete hash was deleted"));
        assertEquals(partial, stored.metadata());
        assertEquals(Map.of("user", "alice"), text(stored.attributes()));
    }

    @Test
    void incompleteHash_withAttributesOnly_isIgnored() {
        String id = newId();
        plant(id, SessionMetadata.NONE, bytes(Map.of("user", "alice")));

        assertTrue(store().load(id, T0).isEmpty());

        assertEquals(Map.of("user", "alice"), text(stored(id).orElseThrow().attributes()));
    }

    // ---- delete ----------------------------------------------------------------------------------

    @Test
    void delete_removesTheSession() {
        String id = create(T0, IDLE_SECONDS, Map.of("user", "alice"));

        store().delete(id);

        assertTrue(stored(id).isEmpty());
        assertTrue(store().load(id, T0).isEmpty());
        assertFalse(store().touch(id, T0));
    }

    @Test
    void delete_missingSession_isNotAnError() {
        String id = newId();

        store().delete(id);
        store().delete(id);

        assertTrue(stored(id).isEmpty());
    }

    // ---- changeId --------------------------------------------------------------------------------

    @Test
    void changeId_movesEveryAttribute_andLeavesNothingUnderTheOldId() {
        String oldId = create(T0, IDLE_SECONDS, Map.of("user", "alice", "cart", "3 items"));
        SessionRecord loaded = store().load(oldId, T0 + 1_000).orElseThrow();
        String newId = newIdAwayFrom(oldId);

        assertTrue(store().changeId(oldId, recreate(loaded, newId, T0 + 1_000)));

        assertTrue(stored(oldId).isEmpty(), "the old id must die at once");
        assertEquals(-2, ttlMillis(oldId));
        assertTrue(store().load(oldId, T0 + 2_000).isEmpty());
        SessionRecord moved = store().load(newId, T0 + 2_000).orElseThrow();
        assertEquals(Map.of("user", "alice", "cart", "3 items"), text(moved.attributes()));
        assertEquals(T0, moved.createdMillis());
        assertEquals(T0 + 1_000, moved.lastAccessedMillis());
        assertEquals(T0 + HOUR, moved.expiresAtMillis());
    }

    @Test
    void changeId_missingSession_returnsFalse_andCreatesNothing() {
        String oldId = newId();
        String newId = newIdAwayFrom(oldId);
        SessionRecord ghost = new SessionRecord(oldId, T0, T0, IDLE_SECONDS, T0 + HOUR, bytes(Map.of("user", "alice")));

        assertFalse(store().changeId(oldId, recreate(ghost, newId, T0)));

        assertTrue(stored(newId).isEmpty(), "an invalidated session came back under a new id");
        assertTrue(stored(oldId).isEmpty());
    }

    @Test
    void changeId_ofADeletedSession_createsNothing() {
        String oldId = create(T0, IDLE_SECONDS, Map.of("user", "alice"));
        SessionRecord loaded = store().load(oldId, T0).orElseThrow();
        store().delete(oldId);
        String newId = newIdAwayFrom(oldId);

        assertFalse(store().changeId(oldId, recreate(loaded, newId, T0)));

        assertTrue(stored(newId).isEmpty());
    }

    @Test
    void changeId_needsACreate() {
        String oldId = create(T0, IDLE_SECONDS, Map.of("user", "alice"));

        assertThrows(IllegalArgumentException.class,
                () -> store().changeId(oldId, update(newIdAwayFrom(oldId), Map.of(), Set.of())));

        assertTrue(stored(oldId).isPresent(), "a refused rename leaves the session alone");
    }

    // ---- helpers ---------------------------------------------------------------------------------

    /** Creates a session accessed last at {@code now}, expiring absolutely an hour later, with TTL {@link #TTL}. */
    protected String create(long now, int idleSeconds, Map<String, String> attributes) {
        String id = newId();
        assertTrue(store().save(new SessionChanges(SessionChanges.Kind.CREATE, id, metadata(now, idleSeconds),
                bytes(attributes), Set.of(), TTL)), "create of a fresh id");
        return id;
    }

    private static SessionMetadata metadata(long now, int idleSeconds) {
        return new SessionMetadata(now, now, idleSeconds, now + HOUR);
    }

    private static SessionChanges update(String id, Map<String, String> writes, Set<String> removals) {
        return new SessionChanges(SessionChanges.Kind.UPDATE, id, SessionMetadata.NONE, bytes(writes), removals, TTL);
    }

    /** The complete CREATE the filter sends on changeSessionId: everything the old session held. */
    private static SessionChanges recreate(SessionRecord record, String newId, long now) {
        return new SessionChanges(SessionChanges.Kind.CREATE, newId, new SessionMetadata(record.createdMillis(), now,
                record.maxInactiveSeconds(), record.expiresAtMillis()), record.attributes(), Set.of(), TTL);
    }

    private void assertTtl(long expected, String id) {
        long ttl = ttlMillis(id);
        assertTrue(ttl <= expected && ttl >= expected - ttlSlackMillis(),
                "time-to-live " + ttl + " ms, expected " + expected + " ms (slack " + ttlSlackMillis() + " ms)");
        assertNotEquals(-1, ttl, "a session key without TTL would live forever");
    }

    protected static Map<String, byte[]> bytes(Map<String, String> text) {
        Map<String, byte[]> bytes = new TreeMap<>();
        text.forEach((k, v) -> bytes.put(k, v.getBytes(StandardCharsets.UTF_8)));
        return bytes;
    }

    protected static Map<String, String> text(Map<String, byte[]> bytes) {
        Map<String, String> text = new TreeMap<>();
        bytes.forEach((k, v) -> text.put(k, new String(v, StandardCharsets.UTF_8)));
        return text;
    }

    private static String hex(byte[] bytes) {
        return java.util.HexFormat.of().formatHex(bytes);
    }
}
