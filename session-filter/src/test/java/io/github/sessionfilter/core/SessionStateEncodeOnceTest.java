package io.github.sessionfilter.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A value that cannot change is encoded once per request (at setAttribute, or never when it was only
 * read); a value that can is encoded again at commit, so changes made in place after setAttribute or
 * after reading are still saved.
 */
class SessionStateEncodeOnceTest {
    private static final long NOW = 1_000_000L;
    private static final long EXPIRES = NOW + 8 * 3600_000L;
    private final CountingTranscoder transcoder = new CountingTranscoder();

    private SessionState stored(Map<String, Object> attributes) {
        Map<String, byte[]> bytes = new HashMap<>();
        attributes.forEach((k, v) -> bytes.put(k, transcoder.seal("id1", k, transcoder.encode(k, v))));
        SessionState state = SessionState.loaded(
                new SessionRecord("id1", NOW - 5000, NOW - 1000, 1800, EXPIRES, bytes), NOW, transcoder);
        transcoder.encodes = 0;
        return state;
    }

    private Object written(SessionChanges changes, String name) {
        return transcoder.decode(name, transcoder.open(changes.id(), name, changes.writes().get(name)));
    }

    @Test
    void setImmutableValues_areEncodedOnce_andWrittenAsSet() {
        SessionState state = stored(Map.of());
        state.setAttribute("user", "ada");
        state.setAttribute("visits", 3);
        state.setAttribute("login", Instant.ofEpochSecond(NOW));
        state.setAttribute("unit", TimeUnit.SECONDS);

        SessionChanges changes = state.pendingChanges(NOW).orElseThrow().changes();

        assertEquals(4, transcoder.encodes, "one encoding each, at setAttribute");
        assertEquals("ada", written(changes, "user"));
        assertEquals(3, written(changes, "visits"));
        assertEquals(Instant.ofEpochSecond(NOW), written(changes, "login"));
        assertEquals(TimeUnit.SECONDS, written(changes, "unit"));
    }

    @Test
    void readImmutableValues_areNotEncodedAtCommit() {
        SessionState state = stored(Map.of("user", "ada", "visits", 3));
        state.attribute("user");
        state.attribute("visits");

        assertTrue(state.pendingChanges(NOW).isEmpty());
        assertEquals(0, transcoder.encodes);
    }

    @Test
    void listMutatedInPlaceAfterSetAttribute_isWrittenWithTheChange() {
        SessionState state = stored(Map.of());
        List<String> cart = new ArrayList<>(List.of("x"));
        state.setAttribute("cart", cart);
        cart.add("y");

        SessionChanges changes = state.pendingChanges(NOW).orElseThrow().changes();

        assertEquals(List.of("x", "y"), written(changes, "cart"));
    }

    @Test
    void listMutatedInPlaceAfterSetAttributeAndAFirstCommit_isWrittenByTheSecond() {
        SessionState state = stored(Map.of());
        List<String> cart = new ArrayList<>(List.of("x"));
        state.setAttribute("cart", cart);
        state.markSaved(state.pendingChanges(NOW).orElseThrow());
        cart.add("y");

        SessionChanges changes = state.pendingChanges(NOW).orElseThrow().changes();

        assertEquals(List.of("x", "y"), written(changes, "cart"));
    }

    @Test
    void immutableValueReplacedByAMutableOne_isTrackedAsMutable() {
        SessionState state = stored(Map.of("cart", "empty"));
        state.attribute("cart");
        List<String> cart = new ArrayList<>();
        state.setAttribute("cart", cart);
        state.markSaved(state.pendingChanges(NOW).orElseThrow());
        cart.add("y");

        assertEquals(List.of("y"), written(state.pendingChanges(NOW).orElseThrow().changes(), "cart"));
    }

    @Test
    void mutableSubclassOfAnImmutableType_isEncodedAgainAndItsChangeWritten() {
        SessionState state = stored(Map.of());
        NotedNumber number = new NotedNumber("42");
        state.setAttribute("n", number);
        number.note = "changed after setAttribute";

        SessionChanges changes = state.pendingChanges(NOW).orElseThrow().changes();

        assertEquals(2, transcoder.encodes);
        assertEquals("changed after setAttribute", ((NotedNumber) written(changes, "n")).note);
    }

    /** BigInteger is not final: a subclass may carry state that changes. */
    static final class NotedNumber extends BigInteger {
        private static final long serialVersionUID = 1L;
        String note = "";

        NotedNumber(String value) {
            super(value);
        }
    }
}
