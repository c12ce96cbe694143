package io.github.sessionfilter.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The per-session byte limit: refused at setAttribute, and growth in place is not written at commit. */
class SessionStateLimitTest {
    private static final long NOW = 1_000_000L;
    private static final long EXPIRES = NOW + 8 * 3600_000L;
    private final CountingTranscoder transcoder = new CountingTranscoder();

    private SessionState stored(Map<String, Object> attributes, long limit) {
        Map<String, byte[]> bytes = new HashMap<>();
        attributes.forEach((k, v) -> bytes.put(k, transcoder.seal("id1", k, transcoder.encode(k, v))));
        SessionState state = SessionState.loaded(new SessionRecord("id1", NOW - 5000, NOW - 1000, 1800, EXPIRES, bytes),
                NOW, transcoder);
        state.limitTotalBytes(limit);
        return state;
    }

    @Test
    void setAttribute_overTheSessionLimit_isRefused_namingAttributeSizeAndLimit_andNothingChanges() {
        SessionState state = stored(Map.of("a", "x".repeat(600)), 1000);
        SessionTooLargeException e = assertThrows(SessionTooLargeException.class,
                () -> state.setAttribute("b", "y".repeat(600)));
        assertEquals("b", e.attributeName());
        assertEquals(1000, e.limit());
        assertTrue(e.size() > 1200, String.valueOf(e.size()));
        assertTrue(e.getMessage().startsWith("session attribute 'b' (607 bytes) cannot be stored: the session would hold "),
                e.getMessage());
        assertTrue(e.getMessage().endsWith(" bytes of attributes, over the limit of 1000 bytes per session (session.max-bytes)"),
                e.getMessage());
        assertNull(state.attribute("b"));
        assertTrue(state.pendingChanges(NOW).isEmpty(), "nothing to store");
    }

    @Test
    void replacingAnAttribute_countsOnlyTheNewValue() {
        SessionState state = stored(Map.of("a", "x".repeat(600)), 1000);
        state.setAttribute("a", "z".repeat(900));
        assertEquals("z".repeat(900), state.attribute("a"));
    }

    @Test
    void undecodedAttributes_countWithTheirStoredSize_withoutBeingDecoded() {
        SessionState state = stored(Map.of("a", "x".repeat(600), "b", "y".repeat(300)), 1000);
        assertThrows(SessionTooLargeException.class, () -> state.setAttribute("c", "z".repeat(100)));
        assertEquals(0, transcoder.decodes);
    }

    @Test
    void growthInPlace_overTheLimit_isNotWritten_butOtherChangesAre() {
        SessionState state = stored(Map.of("cart", new ArrayList<>(List.of("x")), "note", "n"), 1000);
        @SuppressWarnings("unchecked")
        List<String> cart = (List<String>) state.attribute("cart");
        cart.add("y".repeat(2000));
        state.setAttribute("note", "m");
        SessionChanges changes = state.pendingChanges(NOW).orElseThrow().changes();
        assertEquals(List.of("note"), List.copyOf(changes.writes().keySet()), "the cart keeps its stored value");
    }

    @Test
    void growthInPlace_withinTheLimit_isWritten() {
        SessionState state = stored(Map.of("cart", new ArrayList<>(List.of("x"))), 10_000);
        @SuppressWarnings("unchecked")
        List<String> cart = (List<String>) state.attribute("cart");
        cart.add("y".repeat(2000));
        assertEquals(List.of("cart"), List.copyOf(state.pendingChanges(NOW).orElseThrow().changes().writes().keySet()));
    }

    @Test
    void limit_mustBePositive() {
        SessionState state = stored(Map.of(), 1);
        assertThrows(IllegalArgumentException.class, () -> state.limitTotalBytes(0));
    }
}
