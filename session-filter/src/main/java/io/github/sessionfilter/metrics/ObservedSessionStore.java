package io.github.sessionfilter.metrics;

import io.github.sessionfilter.core.SessionChanges;
import io.github.sessionfilter.core.SessionRecord;
import io.github.sessionfilter.core.SessionStore;
import java.util.Optional;

/** A {@link SessionStore} that tells the metrics what each call did; behaves exactly as the store it wraps. */
final class ObservedSessionStore implements SessionStore {
    private final SessionStore store;
    private final SessionMetrics metrics;
    /** Whether a revocation is counted here; false when the expiry sweep announces (and counts) it. */
    private final boolean countsRevocations;

    ObservedSessionStore(SessionStore store, SessionMetrics metrics, boolean countsRevocations) {
        this.store = store;
        this.metrics = metrics;
        this.countsRevocations = countsRevocations;
    }

    @Override
    public Optional<SessionRecord> load(String id, long nowMillis) {
        Optional<SessionRecord> record = store.load(id, nowMillis);
        metrics.sessionLoaded(record.isPresent());
        return record;
    }

    @Override
    public boolean touch(String id, long nowMillis) {
        return store.touch(id, nowMillis);
    }

    @Override
    public boolean save(SessionChanges changes) {
        boolean saved = store.save(changes);
        if (saved) {
            if (changes.kind() == SessionChanges.Kind.CREATE) {
                metrics.sessionCreated();
            }
            metrics.sessionCommitted(attributeBytes(changes));
        }
        return saved;
    }

    @Override
    public boolean endNow(String id, long nowMillis) {
        boolean ended = store.endNow(id, nowMillis);
        if (ended && countsRevocations) {
            metrics.sessionInvalidated(); // revoked through the SessionRegistry, deleted without an announcement
        }
        return ended;
    }

    @Override
    public void delete(String id) {
        store.delete(id);
        metrics.sessionInvalidated();
    }

    @Override
    public boolean changeId(String oldId, SessionChanges created) {
        boolean changed = store.changeId(oldId, created);
        if (changed) {
            metrics.sessionIdChanged();
        }
        return changed;
    }

    @Override
    public String endpoint() {
        return store.endpoint();
    }

    @Override
    public void close() {
        store.close();
    }

    private static long attributeBytes(SessionChanges changes) {
        long bytes = 0;
        for (byte[] value : changes.writes().values()) {
            bytes += value.length;
        }
        return bytes;
    }
}
