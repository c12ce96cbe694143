package io.github.sessionfilter.demo.members;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Runs the store's SQL against an in-memory H2 database; the same SQL runs on PostgreSQL. */
class MemberStoreTest {
    private MemberStore store;

    @BeforeEach
    void openFreshDatabase() throws Exception {
        JdbcSettings settings = new JdbcSettings("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "");
        settings.loadDriver();
        store = new MemberStore(settings);
        store.createSchema();
    }

    @Test
    void register_thenFindByUsername_returnsTheMember() throws Exception {
        Member registered = store.register("alice", "Alice A.", "hash-1");
        Member found = store.findByUsername("alice").orElseThrow();
        assertEquals(registered.id(), found.id());
        assertEquals("Alice A.", found.displayName());
        assertEquals("hash-1", found.passwordHash());
        assertEquals(registered.createdAt().toInstant(), found.createdAt().toInstant());
    }

    @Test
    void findByUsername_unknown_isEmpty() throws Exception {
        assertTrue(store.findByUsername("nobody").isEmpty());
    }

    @Test
    void register_takenUsername_isRefused() throws Exception {
        store.register("bob", "Bob", "hash-1");
        assertThrows(UsernameTakenException.class, () -> store.register("bob", "Other Bob", "hash-2"));
        assertEquals("Bob", store.findByUsername("bob").orElseThrow().displayName());
    }

    @Test
    void updateDisplayName_changesOnlyThatMember() throws Exception {
        Member carol = store.register("carol", "Carol", "h");
        store.register("dave", "Dave", "h");
        assertTrue(store.updateDisplayName(carol.id(), "Carol the Great"));
        assertEquals("Carol the Great", store.findByUsername("carol").orElseThrow().displayName());
        assertEquals("Dave", store.findByUsername("dave").orElseThrow().displayName());
        assertFalse(store.updateDisplayName(9_999, "Ghost"));
    }

    @Test
    void createSchema_twice_isHarmless() throws Exception {
        store.register("erin", "Erin", "h");
        store.createSchema();
        assertTrue(store.findByUsername("erin").isPresent());
    }

    @Test
    void jdbcSettings_describe_hidesParameters() {
        assertEquals("jdbc:postgresql://db:5432/club",
                new JdbcSettings("jdbc:postgresql://db:5432/club?password=secret", "u", "p").describe());
        assertFalse(new JdbcSettings("jdbc:h2:mem:x;PASSWORD=secret", "u", "p").toString().contains("secret"));
    }
}
