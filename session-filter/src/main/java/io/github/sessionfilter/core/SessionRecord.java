package io.github.sessionfilter.core;

import java.util.Map;

/**
 * A session as read from the store: metadata plus the stored (still encoded) attribute values.
 *
 * @param createdMillis      creation time
 * @param lastAccessedMillis start of the previous request that used the session
 * @param maxInactiveSeconds idle timeout; zero or negative means none (the absolute timeout still applies)
 * @param expiresAtMillis    absolute expiry
 * @param attributes         attribute name to stored bytes
 */
public record SessionRecord(String id, long createdMillis, long lastAccessedMillis, int maxInactiveSeconds,
                            long expiresAtMillis, Map<String, byte[]> attributes) {
    public SessionRecord {
        attributes = Map.copyOf(attributes);
    }
}
