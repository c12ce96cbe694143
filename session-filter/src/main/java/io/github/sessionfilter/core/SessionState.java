package io.github.sessionfilter.core;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The working copy of one session during one request, and the single place that decides what to
 * write back. Attribute values are decoded only when read. At commit every value that was read or
 * set is encoded again and written only if its bytes differ from what the store holds, so objects
 * mutated in place ({@code ((List) s.getAttribute("cart")).add(x)}) are saved without another
 * {@code setAttribute}. It also owns its bookkeeping with the store: {@link #saveTo} writes what
 * changed and remembers what the store now holds, {@link #moveTo} gives it a new id, {@link #deleteFrom}
 * ends it; a session that ended (here or on another instance) is no longer {@linkplain #isValid valid}.
 * A {@linkplain #detached detached} session (the store did not answer and the request is served anyway)
 * is never written, and refuses to be moved or deleted. Not thread-safe: one request owns it.
 */
public final class SessionState {
    private static final Logger LOG = System.getLogger(SessionState.class.getName());

    private final AttributeTranscoder transcoder;
    private final Map<String, AttributeSlot> slots = new LinkedHashMap<>();
    private final Set<String> removed = new HashSet<>();
    private final long createdMillis;
    private final long lastAccessedMillis;
    private final long thisAccessMillis;
    private final long expiresAtMillis;
    private String id;
    private boolean isNew;
    private boolean persisted;
    private int maxInactiveSeconds;
    private boolean maxInactiveChanged;
    private ValueObserver observer = ValueObserver.NONE;
    private long maxTotalBytes = Long.MAX_VALUE;
    private boolean valid = true;
    /** Why this session is kept away from the store; null while it is not. */
    private SessionStoreException detachedBy;

    private SessionState(AttributeTranscoder transcoder, String id, boolean isNew, long createdMillis,
                         long lastAccessedMillis, long thisAccessMillis, int maxInactiveSeconds, long expiresAtMillis) {
        this.transcoder = transcoder;
        this.id = id;
        this.isNew = isNew;
        this.persisted = !isNew;
        this.createdMillis = createdMillis;
        this.lastAccessedMillis = lastAccessedMillis;
        this.thisAccessMillis = thisAccessMillis;
        this.maxInactiveSeconds = maxInactiveSeconds;
        this.expiresAtMillis = expiresAtMillis;
    }

    /** A brand-new session, not yet in the store. */
    public static SessionState create(String id, long nowMillis, int maxInactiveSeconds, long expiresAtMillis,
                                      AttributeTranscoder transcoder) {
        return new SessionState(transcoder, id, true, nowMillis, nowMillis, nowMillis, maxInactiveSeconds,
                expiresAtMillis);
    }

    /** A session loaded from the store at {@code nowMillis}. */
    public static SessionState loaded(SessionRecord record, long nowMillis, AttributeTranscoder transcoder) {
        SessionState state = new SessionState(transcoder, record.id(), false, record.createdMillis(),
                record.lastAccessedMillis(), nowMillis, record.maxInactiveSeconds(), record.expiresAtMillis());
        record.attributes().forEach((name, stored) -> state.slots.put(name, AttributeSlot.loaded(stored)));
        return state;
    }

    /**
     * An empty session under a throw-away id that lives only in this request, for when the store did
     * not answer and the request is served anyway: its changes are never written, so it can never
     * overwrite the real session; moving or deleting it throws {@code cause}'s kind of failure.
     */
    public static SessionState detached(String throwAwayId, long nowMillis, int maxInactiveSeconds, long expiresAtMillis,
                                        AttributeTranscoder transcoder, SessionStoreException cause) {
        SessionState state = new SessionState(transcoder, throwAwayId, false, nowMillis, nowMillis, nowMillis,
                maxInactiveSeconds, expiresAtMillis);
        state.detachedBy = cause;
        return state;
    }

    /** Keeps this session away from the store for the rest of the request: later commits write nothing. */
    public void detach(SessionStoreException cause) {
        detachedBy = cause;
    }

    /** Whether this session is kept away from the store (see {@link #detached}). */
    public boolean isDetached() {
        return detachedBy != null;
    }

    /** Whether the session still exists: not invalidated, and not found ended by a write. */
    public boolean isValid() {
        return valid;
    }

    /**
     * Writes what changed since the last write, if anything: one round trip at most. Safe to call
     * more than once.
     *
     * @return false when the session ended on another instance meanwhile (nothing was written, and
     *         the session is now invalid)
     */
    public boolean saveTo(SessionStore store, long nowMillis) {
        if (!valid || detachedBy != null) {
            return valid;
        }
        Optional<PendingWrite> pending = pendingChanges(nowMillis);
        if (pending.isEmpty()) {
            return true;
        }
        if (!store.save(pending.get().changes())) {
            valid = false;
            return false;
        }
        markSaved(pending.get());
        return true;
    }

    /**
     * Gives the session a new id: a session not in the store yet is only renamed; a stored one is
     * moved, and its old id is dead on every instance at once.
     *
     * @return false when the session ended on another instance meanwhile (the session is now invalid)
     * @throws SessionStoreException when the session is detached from the store
     */
    public boolean moveTo(SessionStore store, String newId, long nowMillis) {
        refuseIfDetached("change the session id of");
        if (!persisted) {
            id = newId;
            return true;
        }
        PendingWrite copy = copyTo(newId, nowMillis);
        if (!store.changeId(id, copy.changes())) {
            valid = false;
            return false;
        }
        movedTo(copy);
        return true;
    }

    /**
     * Ends the session: it is invalid from now on, and deleted from the store if it is there.
     *
     * @throws SessionStoreException when the session is detached from the store (nothing changes)
     */
    public void deleteFrom(SessionStore store) {
        refuseIfDetached("invalidate");
        valid = false;
        if (persisted) {
            store.delete(id);
        }
    }

    private void refuseIfDetached(String operation) {
        if (detachedBy != null) {
            throw new SessionStoreException("Cannot " + operation + " a session while the session store is unavailable ("
                    + detachedBy.getMessage() + ")", detachedBy);
        }
    }

    /** Whether the store holds this session (it was loaded, or saved during this request). */
    public boolean isPersisted() {
        return persisted;
    }

    public void observeValues(ValueObserver observer) {
        this.observer = observer;
    }

    /**
     * Limits the serialized size of all attributes together: {@link #setAttribute} refuses a value that
     * would go over it, and a commit does not write attributes that grew in place past it.
     */
    public void limitTotalBytes(long maxBytes) {
        if (maxBytes <= 0) {
            throw new IllegalArgumentException("maxBytes must be positive, was " + maxBytes);
        }
        this.maxTotalBytes = maxBytes;
    }

    public String id() {
        return id;
    }

    public boolean isNew() {
        return isNew;
    }

    public long createdMillis() {
        return createdMillis;
    }

    /** The start of the previous request that used this session (creation time for a new one). */
    public long lastAccessedMillis() {
        return lastAccessedMillis;
    }

    public long thisAccessMillis() {
        return thisAccessMillis;
    }

    public long expiresAtMillis() {
        return expiresAtMillis;
    }

    public int maxInactiveSeconds() {
        return maxInactiveSeconds;
    }

    public void maxInactiveSeconds(int seconds) {
        if (seconds != maxInactiveSeconds) {
            maxInactiveSeconds = seconds;
            maxInactiveChanged = true;
        }
    }

    public Set<String> attributeNames() {
        return Collections.unmodifiableSet(new LinkedHashSet<>(slots.keySet()));
    }

    /**
     * The value of an attribute, decoded on first use. A value that cannot be decoded (corrupt
     * bytes, class removed by a redeploy, class not allowed) is logged, dropped from the session and
     * deleted from the store at commit; the rest of the session is unaffected.
     */
    public Object attribute(String name) {
        AttributeSlot slot = slots.get(name);
        if (slot == null) {
            return null;
        }
        if (!slot.decoded) {
            try {
                byte[] plain = transcoder.open(id, name, slot.stored);
                slot.value = transcoder.decode(name, plain);
                slot.persistedPlain = plain;
                slot.encodedSize = plain.length;
                slot.encodedAs(plain);
                slot.decoded = true;
                slot.stored = null;
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "Dropping unreadable attribute ''{0}'' of session {1}: {2}",
                        LogText.printable(name), SessionIds.abbreviate(id), LogText.printable(e.getMessage()));
                slots.remove(name);
                removed.add(name);
                return null;
            }
            observer.activated(name, slot.value);
        }
        return slot.value;
    }

    /**
     * Sets an attribute and encodes it at once, so a value that cannot be stored fails at the
     * caller's line. Returns the previous value (decoded), or null.
     *
     * @throws SessionTooLargeException if the session would exceed its byte limit; nothing changes
     */
    public Object setAttribute(String name, Object value) {
        byte[] plain = transcoder.encode(name, value);
        int size = plain.length;
        long total = size;
        for (Map.Entry<String, AttributeSlot> other : slots.entrySet()) {
            total += other.getKey().equals(name) ? 0 : other.getValue().size();
        }
        if (total > maxTotalBytes) {
            throw new SessionTooLargeException(name, size, total, maxTotalBytes);
        }
        Object previous = slots.containsKey(name) ? attribute(name) : null;
        AttributeSlot old = slots.get(name);
        AttributeSlot slot = AttributeSlot.assigned(value);
        slot.encodedSize = size;
        slot.encodedAs(plain);
        slot.persistedPlain = old == null ? null : old.persistedPlain;
        slots.put(name, slot);
        removed.remove(name);
        return previous;
    }

    /** Removes an attribute and returns its previous value (decoded), or null. */
    public Object removeAttribute(String name) {
        if (!slots.containsKey(name)) {
            return null;
        }
        Object previous = attribute(name);
        if (slots.remove(name) != null) {
            removed.add(name);
        }
        return previous;
    }

    /** Values of all attributes, decoding those not read yet; for invalidation listeners. */
    public Map<String, Object> allAttributes() {
        Map<String, Object> values = new LinkedHashMap<>();
        for (String name : attributeNames()) {
            Object value = attribute(name);
            if (value != null) {
                values.put(name, value);
            }
        }
        return values;
    }

    /**
     * What has to be written for this request, or nothing. Values that cannot be encoded any more
     * (the app put something non-serializable inside a stored object) are logged and skipped; the
     * other changes are still written.
     */
    Optional<PendingWrite> pendingChanges(long nowMillis) {
        long ttl = ttlMillis(nowMillis);
        if (ttl <= 0) {
            return Optional.empty();
        }
        Map<String, byte[]> writes = new HashMap<>();
        for (Map.Entry<String, AttributeSlot> entry : slots.entrySet()) {
            AttributeSlot slot = entry.getValue();
            if (!slot.decoded) {
                continue;
            }
            byte[] plain = encodeForCommit(entry.getKey(), slot);
            if (plain != null) {
                slot.encodedSize = plain.length;
                if (slot.differsFrom(plain)) {
                    writes.put(entry.getKey(), plain);
                }
            }
        }
        dropGrowthBeyondLimit(writes);
        if (persisted && writes.isEmpty() && removed.isEmpty() && !maxInactiveChanged) {
            return Optional.empty();
        }
        SessionMetadata metadata = persisted
                ? (maxInactiveChanged ? new SessionMetadata(null, null, maxInactiveSeconds, null) : SessionMetadata.NONE)
                : fullMetadata();
        return Optional.of(new PendingWrite(new SessionChanges(
                persisted ? SessionChanges.Kind.UPDATE : SessionChanges.Kind.CREATE,
                id, metadata, sealAll(id, writes), persisted ? removed : Set.of(), ttl), writes));
    }

    /**
     * The complete session under {@code newId}, for moving it there. Values not read in this request
     * are re-sealed for the new id without being deserialized.
     */
    PendingWrite copyTo(String newId, long nowMillis) {
        Map<String, byte[]> plains = new HashMap<>();
        for (String name : attributeNames()) {
            AttributeSlot slot = slots.get(name);
            byte[] plain;
            if (slot.decoded) {
                plain = encodeForCommit(name, slot);
            } else {
                try {
                    plain = transcoder.open(id, name, slot.stored);
                } catch (RuntimeException e) {
                    LOG.log(Level.WARNING, "Dropping unreadable attribute ''{0}'' while changing the session id: {1}",
                            LogText.printable(name), LogText.printable(e.getMessage()));
                    slots.remove(name);
                    plain = null;
                }
            }
            if (plain != null) {
                plains.put(name, plain);
            }
        }
        long ttl = Math.max(1, ttlMillis(nowMillis));
        return new PendingWrite(new SessionChanges(SessionChanges.Kind.CREATE, newId, fullMetadata(),
                sealAll(newId, plains), Set.of(), ttl), plains);
    }

    /** Records that a write reached the store, so a second commit writes only what changed since. */
    void markSaved(PendingWrite write) {
        SessionChanges changes = write.changes();
        Map<String, byte[]> plainWrites = write.plainWrites();
        persisted = true;
        maxInactiveChanged = false;
        removed.removeAll(changes.removals());
        if (changes.kind() == SessionChanges.Kind.CREATE) {
            removed.clear();
        }
        plainWrites.forEach((name, plain) -> {
            AttributeSlot slot = slots.get(name);
            if (slot != null) {
                slot.persistedPlain = plain;
            }
        });
    }

    /** Switches to the id the session was moved to by {@code write} (from {@link #copyTo}). */
    void movedTo(PendingWrite write) {
        String newId = write.changes().id();
        Map<String, byte[]> plainWrites = write.plainWrites();
        id = newId;
        persisted = true;
        maxInactiveChanged = false;
        removed.clear();
        for (Map.Entry<String, AttributeSlot> entry : slots.entrySet()) {
            AttributeSlot slot = entry.getValue();
            byte[] plain = plainWrites.get(entry.getKey());
            if (slot.decoded) {
                slot.persistedPlain = plain;
            } else if (plain != null) {
                slot.stored = transcoder.seal(newId, entry.getKey(), plain);
            }
        }
    }

    /**
     * Values mutated in place are only measured at commit: if the session is now over its limit, the
     * attributes that grew are not written (the store keeps their previous value), so what is stored
     * never grows past the limit.
     */
    private void dropGrowthBeyondLimit(Map<String, byte[]> writes) {
        long total = 0;
        for (AttributeSlot slot : slots.values()) {
            total += slot.size();
        }
        if (total <= maxTotalBytes) {
            return;
        }
        long before = total;
        for (Map.Entry<String, byte[]> write : new TreeMap<>(writes).entrySet()) {
            AttributeSlot slot = slots.get(write.getKey());
            long growth = write.getValue().length - (slot.persistedPlain == null ? 0 : slot.persistedPlain.length);
            if (growth > 0) {
                writes.remove(write.getKey());
                total -= growth;
                LOG.log(Level.ERROR, "Attribute ''{0}'' ({1} bytes) of session {2} was not saved: the session would"
                        + " hold {3} bytes of attributes, over the limit of {4} bytes per session (session.max-bytes);"
                        + " the store keeps its previous value", write.getKey(), String.valueOf(write.getValue().length),
                        SessionIds.abbreviate(id), String.valueOf(before), String.valueOf(maxTotalBytes));
            }
        }
    }

    private Map<String, byte[]> sealAll(String sessionId, Map<String, byte[]> plains) {
        Map<String, byte[]> sealed = new HashMap<>();
        plains.forEach((name, plain) -> sealed.put(name, transcoder.seal(sessionId, name, plain)));
        return sealed;
    }

    private SessionMetadata fullMetadata() {
        return new SessionMetadata(createdMillis, thisAccessMillis, maxInactiveSeconds, expiresAtMillis);
    }

    /**
     * The value's encoding as it is now. Values that may have been mutated in place since they were
     * decoded or set are encoded again (that is how in-place changes are found); a value that cannot
     * change keeps the encoding it was decoded from or set with, so it is never encoded twice.
     */
    private byte[] encodeForCommit(String name, AttributeSlot slot) {
        Object value = slot.value;
        try {
            observer.passivating(name, value);
            if (slot.unchangeablePlain != null) {
                return slot.unchangeablePlain;
            }
            return transcoder.encode(name, value);
        } catch (RuntimeException e) {
            LOG.log(Level.ERROR, "Attribute ''{0}'' of session {1} could not be saved and keeps its previous value: {2}",
                    name, SessionIds.abbreviate(id), e.getMessage());
            return null;
        }
    }

    private long ttlMillis(long nowMillis) {
        long ttl = expiresAtMillis - nowMillis;
        if (maxInactiveSeconds > 0) {
            ttl = Math.min(ttl, maxInactiveSeconds * 1000L);
        }
        return ttl;
    }
}
