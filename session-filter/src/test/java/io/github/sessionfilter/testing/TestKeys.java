package io.github.sessionfilter.testing;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.UUID;

/** Fresh secrets and names for one test. */
public final class TestKeys {
    private static final SecureRandom RANDOM = new SecureRandom();

    private TestKeys() {
    }

    /** A {@code kid:secret} pair with a random 256-bit secret. */
    public static String keyPair(String kid) {
        return kid + ":" + secret(32);
    }

    public static String secret(int bytes) {
        byte[] key = new byte[bytes];
        RANDOM.nextBytes(key);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(key);
    }

    /** A key prefix no other test uses, so tests never see each other's sessions. */
    public static String prefix() {
        return "t" + UUID.randomUUID().toString().substring(0, 8) + ":";
    }
}
