package io.github.sessionfilter.core;

/**
 * Session metadata to write. A field is written only when it is not {@code null}; an update that
 * changes nothing but attributes carries {@link #NONE}.
 */
public record SessionMetadata(Long createdMillis, Long lastAccessedMillis, Integer maxInactiveSeconds,
                              Long expiresAtMillis) {

    /** No metadata change. */
    public static final SessionMetadata NONE = new SessionMetadata(null, null, null, null);

    public boolean isEmpty() {
        return createdMillis == null && lastAccessedMillis == null && maxInactiveSeconds == null
                && expiresAtMillis == null;
    }
}
