package io.github.sessionfilter.redis;

/**
 * Names of keys and hash fields. The session id is a Redis Cluster hash tag ({@code prefix{id}}) so
 * everything one script touches lives in one slot. Metadata fields start with {@code #}, attribute
 * fields with {@code a:}, so no attribute name can collide with metadata.
 */
final class SessionKeys {
    static final String CREATED = "#created";
    static final String LAST_ACCESS = "#lastAccess";
    static final String MAX_INACTIVE = "#maxInactive";
    static final String EXPIRES = "#expires";
    static final String ATTRIBUTE_PREFIX = "a:";

    private final String prefix;

    SessionKeys(String prefix) {
        this.prefix = prefix;
    }

    String key(String sessionId) {
        return prefix + "{" + sessionId + "}";
    }

    /** The session's lock: a separate key in the same cluster slot as the session. */
    String lockKey(String sessionId) {
        return key(sessionId) + ":lock";
    }

    static String attributeField(String name) {
        return ATTRIBUTE_PREFIX + name;
    }

    static boolean isAttributeField(String field) {
        return field.startsWith(ATTRIBUTE_PREFIX);
    }

    static String attributeName(String field) {
        return field.substring(ATTRIBUTE_PREFIX.length());
    }
}
