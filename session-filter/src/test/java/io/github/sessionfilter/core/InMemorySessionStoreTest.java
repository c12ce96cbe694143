package io.github.sessionfilter.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.sessionfilter.core.InMemorySessionStore.Operation;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** What {@link InMemorySessionStore} adds for tests: counted calls and failures on demand. */
class InMemorySessionStoreTest {
    private final InMemorySessionStore store = new InMemorySessionStore();

    private static SessionChanges create(String id) {
        return new SessionChanges(SessionChanges.Kind.CREATE, id, new SessionMetadata(0L, 0L, 60, 3_600_000L),
                Map.of("user", new byte[] {1}), Set.of(), 60_000);
    }

    @Test
    void calls_areCountedPerOperation() {
        store.save(create("a"));
        store.save(create("a"));
        store.load("a", 1);
        store.touch("a", 2);
        store.changeId("a", create("b"));
        store.delete("b");

        assertEquals(2, store.calls(Operation.SAVE), "a refused create is still a call");
        assertEquals(1, store.calls(Operation.LOAD));
        assertEquals(1, store.calls(Operation.TOUCH));
        assertEquals(1, store.calls(Operation.CHANGE_ID));
        assertEquals(1, store.calls(Operation.DELETE));
    }

    @Test
    void failNext_failsThatManyCalls_changingNothing_thenWorksAgain() {
        store.failNext(2);

        assertThrows(SessionStoreException.class, () -> store.save(create("a")));
        assertThrows(SessionStoreException.class, () -> store.load("a", 1));

        assertTrue(store.load("a", 1).isEmpty(), "the failed create wrote nothing");
        assertTrue(store.save(create("a")));
        assertEquals(2, store.calls(Operation.SAVE));
        assertEquals(2, store.calls(Operation.LOAD));
    }

    @Test
    void failUntilRecovered_failsEveryCall_untilRecover() {
        store.save(create("a"));
        store.failUntilRecovered();

        for (int i = 0; i < 5; i++) {
            assertThrows(SessionStoreException.class, () -> store.touch("a", 1));
        }
        assertThrows(SessionStoreException.class, () -> store.delete("a"));
        store.recover();

        assertTrue(store.load("a", 1).isPresent(), "the failed delete deleted nothing");
    }

    @Test
    void failure_messageSaysTheTestAskedForIt() {
        store.failNext(1);

        SessionStoreException failure = assertThrows(SessionStoreException.class, () -> store.delete("a"));

        assertTrue(failure.getMessage().contains("DELETE"), failure.getMessage());
        assertFalse(failure.getMessage().contains("\"a\""));
    }
}
