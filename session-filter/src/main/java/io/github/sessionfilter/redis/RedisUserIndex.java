package io.github.sessionfilter.redis;

import io.github.sessionfilter.core.UserSessionIndex;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * Each user's sessions in Redis: a sorted set {@code <prefix>user:<sha-256 of the user id>} of session
 * ids scored by creation time, expiring with the longest-lived session in it. The key names no user,
 * so a key listing shows none.
 */
final class RedisUserIndex implements UserSessionIndex {
    private final RedisConnector connector;
    private final SessionKeys keys;
    private final String prefix;

    RedisUserIndex(RedisConnector connector, SessionKeys keys, String keyPrefix) {
        this.connector = connector;
        this.keys = keys;
        this.prefix = keyPrefix + "user:";
    }

    @Override
    public void add(String userId, String sessionId, long createdMillis, long ttlMillis) {
        String key = key(userId);
        connector.call("index user session", commands -> {
            commands.zadd(key, (double) createdMillis, utf8(sessionId));
            Long ttl = commands.pttl(key);
            if (ttl == null || ttl < ttlMillis) {
                commands.pexpire(key, ttlMillis);
            }
            return null;
        });
    }

    @Override
    public void remove(String userId, String sessionId) {
        connector.call("unindex user session", commands -> commands.zrem(key(userId), utf8(sessionId)));
    }

    @Override
    public List<String> sessionIds(String userId) {
        List<byte[]> ids = connector.call("list user sessions", commands -> commands.zrange(key(userId), 0, -1));
        List<String> result = new ArrayList<>(ids.size());
        ids.forEach(id -> result.add(new String(id, StandardCharsets.UTF_8)));
        return result;
    }

    @Override
    public Optional<Times> times(String sessionId) {
        List<io.lettuce.core.KeyValue<String, byte[]>> values = connector.call("read session times", commands ->
                commands.hmget(keys.key(sessionId), SessionKeys.CREATED, SessionKeys.LAST_ACCESS));
        if (values.size() != 2 || !values.get(0).hasValue() || !values.get(1).hasValue()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new Times(Long.parseLong(ascii(values.get(0).getValue())),
                    Long.parseLong(ascii(values.get(1).getValue()))));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private String key(String userId) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(userId.getBytes(StandardCharsets.UTF_8));
            return prefix + HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available in this JVM", e);
        }
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String ascii(byte[] bytes) {
        return new String(bytes, StandardCharsets.US_ASCII);
    }
}
