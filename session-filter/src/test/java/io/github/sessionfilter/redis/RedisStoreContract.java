package io.github.sessionfilter.redis;

import io.github.sessionfilter.core.SessionMetadata;
import io.github.sessionfilter.core.SessionStore;
import io.github.sessionfilter.core.SessionStoreContract;
import java.util.Map;
import java.util.Optional;

/** The store contract over {@link RedisSessionStore}, read and planted through the test's own connection. */
abstract class RedisStoreContract extends SessionStoreContract {
    /** The store under test. */
    protected abstract RedisSessionStore redisStore();

    /** The test's own view of the session hashes. */
    protected abstract SessionHashes hashes();

    @Override
    protected SessionStore store() {
        return redisStore();
    }

    @Override
    protected Optional<Stored> stored(String id) {
        return hashes().stored(id);
    }

    @Override
    protected void plant(String id, SessionMetadata metadata, Map<String, byte[]> attributes) {
        hashes().plant(id, metadata, attributes, TTL);
    }

    @Override
    protected long ttlMillis(String id) {
        return hashes().pttl(id);
    }

    @Override
    protected long ttlSlackMillis() {
        return 5_000; // Redis counts TTLs down in real time
    }
}
