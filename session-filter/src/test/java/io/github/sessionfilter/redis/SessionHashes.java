package io.github.sessionfilter.redis;

import io.github.sessionfilter.core.SessionMetadata;
import io.github.sessionfilter.core.SessionStoreContract.Stored;
import io.lettuce.core.api.sync.RedisHashCommands;
import io.lettuce.core.api.sync.RedisKeyCommands;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The back door of the store contract for Redis: reads and writes session hashes with plain commands,
 * bypassing the scripts, over the test's own Lettuce connection (standalone or cluster).
 */
final class SessionHashes {
    private final SessionKeys keys;
    private final RedisHashCommands<byte[], byte[]> hashes;
    private final RedisKeyCommands<byte[], byte[]> keyCommands;

    /** @param commands a standalone or a cluster connection's sync commands, with a byte array codec */
    <C extends RedisHashCommands<byte[], byte[]> & RedisKeyCommands<byte[], byte[]>> SessionHashes(String prefix,
                                                                                                  C commands) {
        this.keys = new SessionKeys(prefix);
        this.hashes = commands;
        this.keyCommands = commands;
    }

    String key(String id) {
        return keys.key(id);
    }

    String lockKey(String id) {
        return keys.lockKey(id);
    }

    Optional<Stored> stored(String id) {
        Map<byte[], byte[]> fields = hashes.hgetall(bytes(keys.key(id)));
        if (fields.isEmpty()) {
            return Optional.empty();
        }
        Map<String, String> meta = new HashMap<>();
        Map<String, byte[]> attributes = new HashMap<>();
        fields.forEach((field, value) -> {
            String name = new String(field, StandardCharsets.UTF_8);
            if (SessionKeys.isAttributeField(name)) {
                attributes.put(SessionKeys.attributeName(name), value);
            } else {
                meta.put(name, new String(value, StandardCharsets.US_ASCII));
            }
        });
        return Optional.of(new Stored(new SessionMetadata(asLong(meta.get(SessionKeys.CREATED)),
                asLong(meta.get(SessionKeys.LAST_ACCESS)), asInt(meta.get(SessionKeys.MAX_INACTIVE)),
                asLong(meta.get(SessionKeys.EXPIRES))), attributes));
    }

    /** HSET of exactly the given fields and a PEXPIRE, as a writer other than the filter could do. */
    void plant(String id, SessionMetadata metadata, Map<String, byte[]> attributes, long ttlMillis) {
        Map<byte[], byte[]> fields = new LinkedHashMap<>();
        put(fields, SessionKeys.CREATED, metadata.createdMillis());
        put(fields, SessionKeys.LAST_ACCESS, metadata.lastAccessedMillis());
        put(fields, SessionKeys.MAX_INACTIVE, metadata.maxInactiveSeconds());
        put(fields, SessionKeys.EXPIRES, metadata.expiresAtMillis());
        attributes.forEach((name, value) -> fields.put(bytes(SessionKeys.attributeField(name)), value));
        byte[] key = bytes(keys.key(id));
        hashes.hset(key, fields);
        keyCommands.pexpire(key, ttlMillis);
    }

    long pttl(String id) {
        return keyCommands.pttl(bytes(keys.key(id)));
    }

    private static void put(Map<byte[], byte[]> fields, String field, Number value) {
        if (value != null) {
            fields.put(bytes(field), bytes(value.toString()));
        }
    }

    private static Long asLong(String value) {
        return value == null ? null : Long.valueOf(value);
    }

    private static Integer asInt(String value) {
        return value == null ? null : Integer.valueOf(value);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
