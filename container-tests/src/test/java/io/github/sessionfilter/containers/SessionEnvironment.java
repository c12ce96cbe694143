package io.github.sessionfilter.containers;

import io.github.sessionfilter.localredis.LocalRedis;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;

/**
 * The environment every instance of one test gets, exactly what an operator sets (README, "Add it to an
 * existing WAR", step 3): one Redis, one signing key; plus a key prefix of its own, so tests sharing a Redis
 * never see each other's sessions.
 */
final class SessionEnvironment {
    private static final SecureRandom RANDOM = new SecureRandom();

    private SessionEnvironment() {
    }

    static Map<String, String> of(LocalRedis redis) {
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        return Map.of(
                "SESSION_REDIS_URI", redis.uri(),
                "SESSION_JWT_KEYS", "k1:" + Base64.getUrlEncoder().withoutPadding().encodeToString(secret),
                "SESSION_REDIS_KEY_PREFIX", "ct" + UUID.randomUUID().toString().substring(0, 8) + ":");
    }
}
