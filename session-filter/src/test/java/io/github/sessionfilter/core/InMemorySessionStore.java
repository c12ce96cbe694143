package io.github.sessionfilter.core;

import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A {@link SessionStore} in memory with the semantics of {@code RedisSessionStore} and its scripts
 * (load.lua, save.lua), for unit tests of the code above the store. Proven against the Redis
 * store by the same {@link SessionStoreContract}.
 *
 * <p>Like a Redis hash, a stored session is a set of optional metadata fields plus attributes, and a
 * session with no field at all does not exist. Time is only the {@code nowMillis} the caller passes:
 * nothing expires by itself; the time-to-live last set is kept so tests can read it.
 *
 * <p>Test conveniences: every value goes in and comes out as a copy (a test cannot pass on shared
 * arrays), every call is counted per {@link Operation} (failed ones too), and the store can be told to
 * throw {@link SessionStoreException} (a failing call changes nothing).
 */
public final class InMemorySessionStore implements SessionStore {

    /** The counted calls, one per public verb of {@link SessionStore}. */
    public enum Operation { LOAD, TOUCH, SAVE, DELETE, CHANGE_ID }

    private static final int UNTIL_RECOVERED = -1;

    private final Map<String, Hash> sessions = new HashMap<>();
    private final Map<Operation, Integer> calls = new EnumMap<>(Operation.class);
    private int failuresLeft;

    @Override
    public synchronized Optional<SessionRecord> load(String id, long nowMillis) {
        call(Operation.LOAD);
        Hash hash = sessions.get(id);
        if (hash == null || !hash.isComplete()) {
            return Optional.empty();
        }
        if (hash.isExpiredAt(nowMillis)) {
            sessions.remove(id);
            return Optional.empty();
        }
        SessionRecord before = new SessionRecord(id, hash.created, hash.lastAccess, hash.maxInactive, hash.expires,
                copy(hash.attributes));
        hash.recordAccess(nowMillis);
        return Optional.of(before);
    }

    @Override
    public synchronized boolean touch(String id, long nowMillis) {
        call(Operation.TOUCH);
        Hash hash = sessions.get(id);
        if (hash == null || !hash.isComplete()) {
            return false;
        }
        if (hash.isExpiredAt(nowMillis)) {
            sessions.remove(id);
            return false;
        }
        hash.recordAccess(nowMillis);
        return true;
    }

    @Override
    public synchronized boolean save(SessionChanges changes) {
        call(Operation.SAVE);
        return apply(changes);
    }

    /** Without an expiry index, as the Redis store without one: the session is deleted. */
    @Override
    public synchronized boolean endNow(String id, long nowMillis) {
        call(Operation.DELETE);
        return sessions.remove(id) != null;
    }

    @Override
    public synchronized void delete(String id) {
        call(Operation.DELETE);
        sessions.remove(id);
    }

    @Override
    public synchronized boolean changeId(String oldId, SessionChanges created) {
        if (created.kind() != SessionChanges.Kind.CREATE) {
            throw new IllegalArgumentException("changeId needs a complete CREATE, got " + created.kind());
        }
        call(Operation.CHANGE_ID);
        return sessions.remove(oldId) != null && apply(created);
    }

    @Override
    public String endpoint() {
        return "in-memory";
    }

    @Override
    public void close() {
        // nothing to release
    }

    /** How many times {@code operation} was called, failed calls included. */
    public synchronized int calls(Operation operation) {
        return calls.getOrDefault(operation, 0);
    }

    /** The next {@code count} calls throw {@link SessionStoreException}; later ones work again. */
    public synchronized void failNext(int count) {
        failuresLeft = count;
    }

    /** Every call throws {@link SessionStoreException} until {@link #recover()}. */
    public synchronized void failUntilRecovered() {
        failuresLeft = UNTIL_RECOVERED;
    }

    public synchronized void recover() {
        failuresLeft = 0;
    }

    /**
     * Writes a hash as it is, bypassing every rule: e.g. one with missing metadata fields, as a writer
     * other than the filter could leave in Redis. {@code null} metadata fields are left out.
     */
    public synchronized void plant(String id, SessionMetadata metadata, Map<String, byte[]> attributes, long ttlMillis) {
        Hash hash = new Hash();
        hash.write(metadata);
        attributes.forEach((name, value) -> hash.attributes.put(name, value.clone()));
        hash.ttlMillis = ttlMillis;
        sessions.put(id, hash);
    }

    /** The stored metadata fields ({@code null} where missing), without recording an access. */
    public synchronized Optional<SessionMetadata> storedMetadata(String id) {
        return Optional.ofNullable(sessions.get(id))
                .map(h -> new SessionMetadata(h.created, h.lastAccess, h.maxInactive, h.expires));
    }

    /** The stored attributes (copies), without recording an access; empty if the session does not exist. */
    public synchronized Map<String, byte[]> storedAttributes(String id) {
        Hash hash = sessions.get(id);
        return hash == null ? Map.of() : copy(hash.attributes);
    }

    /** The time-to-live last set, or -2 (as Redis PTTL answers) if the session does not exist. */
    public synchronized long ttlMillis(String id) {
        Hash hash = sessions.get(id);
        return hash == null ? -2 : hash.ttlMillis;
    }

    private void call(Operation operation) {
        calls.merge(operation, 1, Integer::sum);
        if (failuresLeft == 0) {
            return;
        }
        if (failuresLeft > 0) {
            failuresLeft--;
        }
        throw new SessionStoreException("in-memory " + operation + " failed: the test told the store to fail", null);
    }

    private boolean apply(SessionChanges changes) {
        boolean exists = sessions.containsKey(changes.id());
        if (exists != (changes.kind() == SessionChanges.Kind.UPDATE)) {
            return false;
        }
        Hash hash = sessions.computeIfAbsent(changes.id(), id -> new Hash());
        hash.write(changes.metadata());
        changes.writes().forEach((name, value) -> hash.attributes.put(name, value.clone()));
        changes.removals().forEach(hash.attributes::remove);
        hash.ttlMillis = changes.ttlMillis();
        if (hash.isEmpty()) {
            // Redis deletes a hash whose last field is gone, and HSET of nothing creates no key.
            sessions.remove(changes.id());
        }
        return true;
    }

    private static Map<String, byte[]> copy(Map<String, byte[]> attributes) {
        Map<String, byte[]> copy = new HashMap<>();
        attributes.forEach((name, value) -> copy.put(name, value.clone()));
        return copy;
    }

    /** One session as Redis holds it: every metadata field may be missing. */
    private static final class Hash {
        Long created;
        Long lastAccess;
        Integer maxInactive;
        Long expires;
        final Map<String, byte[]> attributes = new HashMap<>();
        long ttlMillis;

        void write(SessionMetadata metadata) {
            created = metadata.createdMillis() != null ? metadata.createdMillis() : created;
            lastAccess = metadata.lastAccessedMillis() != null ? metadata.lastAccessedMillis() : lastAccess;
            maxInactive = metadata.maxInactiveSeconds() != null ? metadata.maxInactiveSeconds() : maxInactive;
            expires = metadata.expiresAtMillis() != null ? metadata.expiresAtMillis() : expires;
        }

        boolean isComplete() {
            return created != null && lastAccess != null && maxInactive != null && expires != null;
        }

        boolean isEmpty() {
            return created == null && lastAccess == null && maxInactive == null && expires == null
                    && attributes.isEmpty();
        }

        boolean isExpiredAt(long now) {
            return now >= expires || (maxInactive > 0 && now - lastAccess >= maxInactive * 1000L);
        }

        /** The last access never moves back; the time-to-live is the idle timeout capped by the absolute one. */
        void recordAccess(long now) {
            lastAccess = Math.max(lastAccess, now);
            long untilAbsolute = expires - now;
            ttlMillis = maxInactive > 0 ? Math.min(maxInactive * 1000L, untilAbsolute) : untilAbsolute;
        }
    }
}
