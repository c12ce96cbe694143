package io.github.sessionfilter.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SessionStateTest {
    private static final long NOW = 1_000_000L;
    private static final long EXPIRES = NOW + 8 * 3600_000L;
    private final CountingTranscoder transcoder = new CountingTranscoder();

    private SessionState stored(Map<String, Object> attributes) {
        Map<String, byte[]> bytes = new HashMap<>();
        attributes.forEach((k, v) -> bytes.put(k, transcoder.seal("id1", k, transcoder.encode(k, v))));
        return SessionState.loaded(new SessionRecord("id1", NOW - 5000, NOW - 1000, 1800, EXPIRES, bytes), NOW, transcoder);
    }

    @Test
    void untouchedLoadedSession_hasNothingToWrite() {
        SessionState state = stored(Map.of("a", "1", "b", 2));
        assertTrue(state.pendingChanges(NOW).isEmpty());
        assertEquals(0, transcoder.decodes, "values are decoded only when read");
    }

    @Test
    void readButUnchangedValue_isNotWritten() {
        SessionState state = stored(Map.of("a", "1"));
        assertEquals("1", state.attribute("a"));
        assertTrue(state.pendingChanges(NOW).isEmpty());
    }

    @Test
    void valueMutatedInPlace_isWritten_withoutSetAttribute() {
        SessionState state = stored(Map.of("cart", new ArrayList<>(List.of("x")), "other", "o"));
        @SuppressWarnings("unchecked")
        List<String> cart = (List<String>) state.attribute("cart");
        cart.add("y");
        SessionChanges changes = state.pendingChanges(NOW).orElseThrow().changes();
        assertEquals(SessionChanges.Kind.UPDATE, changes.kind());
        assertEquals(List.of("cart"), List.copyOf(changes.writes().keySet()), "only the changed attribute");
        assertEquals(List.of("x", "y"), transcoder.decode("cart", transcoder.open("id1", "cart", changes.writes().get("cart"))));
        assertTrue(changes.metadata().isEmpty());
    }

    @Test
    void secondCommit_writesOnlyWhatChangedAfterTheFirst() {
        SessionState state = stored(Map.of());
        state.setAttribute("a", "1");
        PendingWrite first = state.pendingChanges(NOW).orElseThrow();
        state.markSaved(first);
        assertTrue(state.pendingChanges(NOW).isEmpty(), "idempotent");
        state.setAttribute("b", "2");
        assertEquals(List.of("b"), List.copyOf(state.pendingChanges(NOW).orElseThrow().changes().writes().keySet()));
    }

    @Test
    void removedAttribute_isDeleted() {
        SessionState state = stored(Map.of("a", "1", "b", "2"));
        assertEquals("1", state.removeAttribute("a"));
        SessionChanges changes = state.pendingChanges(NOW).orElseThrow().changes();
        assertEquals(List.of("a"), List.copyOf(changes.removals()));
        assertTrue(changes.writes().isEmpty());
    }

    @Test
    void newSession_isCreatedWithFullMetadata_andTtlIsTheIdleTimeout() {
        SessionState state = SessionState.create("new1", NOW, 60, EXPIRES, transcoder);
        assertTrue(state.isNew());
        SessionChanges changes = state.pendingChanges(NOW).orElseThrow().changes();
        assertEquals(SessionChanges.Kind.CREATE, changes.kind());
        assertEquals(new SessionMetadata(NOW, NOW, 60, EXPIRES), changes.metadata());
        assertEquals(60_000, changes.ttlMillis());
    }

    @Test
    void ttl_isCappedByTheAbsoluteTimeout() {
        SessionState state = SessionState.create("new1", NOW, 3600, NOW + 10_000, transcoder);
        assertEquals(10_000, state.pendingChanges(NOW).orElseThrow().changes().ttlMillis());
        assertTrue(state.pendingChanges(NOW + 10_000).isEmpty(), "an expired session is not written");
    }

    @Test
    void maxInactiveChange_isWrittenAsMetadata() {
        SessionState state = stored(Map.of());
        state.maxInactiveSeconds(120);
        SessionChanges changes = state.pendingChanges(NOW).orElseThrow().changes();
        assertEquals(120, changes.metadata().maxInactiveSeconds());
        assertEquals(120_000, changes.ttlMillis());
    }

    @Test
    void unreadableValue_isDropped_andDeletedAtCommit_othersSurvive() {
        Map<String, byte[]> bytes = new HashMap<>();
        bytes.put("bad", "garbage".getBytes());
        bytes.put("good", transcoder.seal("id1", "good", transcoder.encode("good", "ok")));
        SessionState state = SessionState.loaded(new SessionRecord("id1", NOW, NOW, 1800, EXPIRES, bytes), NOW, transcoder);
        assertNull(state.attribute("bad"));
        assertEquals("ok", state.attribute("good"));
        assertFalse(state.attributeNames().contains("bad"));
        assertEquals(List.of("bad"), List.copyOf(state.pendingChanges(NOW).orElseThrow().changes().removals()));
    }

    @Test
    void copyTo_resealsUnreadValuesForTheNewId_withoutDecodingThem() {
        SessionState state = stored(Map.of("a", "1", "b", "2"));
        PendingWrite copy = state.copyTo("id2", NOW);
        assertEquals(0, transcoder.decodes);
        assertEquals(SessionChanges.Kind.CREATE, copy.changes().kind());
        assertEquals("1", transcoder.decode("a", transcoder.open("id2", "a", copy.changes().writes().get("a"))));
        state.movedTo(copy);
        assertEquals("id2", state.id());
        assertEquals("2", state.attribute("b"));
        assertTrue(state.pendingChanges(NOW).isEmpty());
    }

    @Test
    void setAttribute_withUnencodableValue_failsAtOnce() {
        SessionState state = stored(Map.of());
        assertThrows(IllegalArgumentException.class, () -> state.setAttribute("x", new Object()));
        assertFalse(state.attributeNames().contains("x"));
    }
}
