package io.github.sessionfilter.core;

import java.util.Map;
import java.util.Optional;

/** The store contract over {@link InMemorySessionStore}: proves the fake behaves as the Redis store does. */
class InMemorySessionStoreContractTest extends SessionStoreContract {
    private final InMemorySessionStore store = new InMemorySessionStore();

    @Override
    protected SessionStore store() {
        return store;
    }

    @Override
    protected Optional<Stored> stored(String id) {
        return store.storedMetadata(id).map(metadata -> new Stored(metadata, store.storedAttributes(id)));
    }

    @Override
    protected void plant(String id, SessionMetadata metadata, Map<String, byte[]> attributes) {
        store.plant(id, metadata, attributes, TTL);
    }

    @Override
    protected long ttlMillis(String id) {
        return store.ttlMillis(id);
    }
}
