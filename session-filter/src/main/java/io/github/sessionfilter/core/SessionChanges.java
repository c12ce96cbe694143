package io.github.sessionfilter.core;

import java.util.Map;
import java.util.Set;

/**
 * What one request changes in a session: only the attributes whose bytes changed, the removed
 * attributes, metadata and the new time-to-live.
 *
 * @param metadata   metadata to write: only its non-null fields; {@link SessionMetadata#NONE} when unchanged
 * @param writes     attribute name to new stored bytes
 * @param removals   attribute names to delete
 * @param ttlMillis  time-to-live to set on the session
 */
public record SessionChanges(Kind kind, String id, SessionMetadata metadata, Map<String, byte[]> writes,
                             Set<String> removals, long ttlMillis) {

    /** Whether the session is new or must already exist. */
    public enum Kind {
        /** A new session: written only if the id does not exist yet. */
        CREATE,
        /** An existing session: written only if it still exists. */
        UPDATE
    }

    public SessionChanges {
        writes = Map.copyOf(writes);
        removals = Set.copyOf(removals);
        if (ttlMillis <= 0) {
            throw new IllegalArgumentException("ttlMillis must be positive, was " + ttlMillis);
        }
    }
}
