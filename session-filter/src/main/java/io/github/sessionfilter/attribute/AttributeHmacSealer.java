package io.github.sessionfilter.attribute;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Integrity protection for stored attributes with HMAC-SHA256: anyone who can write to Redis but
 * does not hold the key cannot make the app deserialize bytes of their choosing. Values stay
 * readable in Redis. Stored form: a 1-byte format tag ({@code 0x01}), the 32-byte MAC, the encoded
 * attribute. The MAC covers the tag and the length-prefixed session id, attribute name and bytes,
 * and is compared in constant time. The key (at least 32 bytes) is copied. Thread-safe.
 */
final class AttributeHmacSealer implements AttributeSealer {

    static final byte TAG = 0x01;
    private static final String ALGORITHM = "HmacSHA256";
    private static final int MAC_LENGTH = 32;
    private static final int HEADER = 1 + MAC_LENGTH;

    private final SecretKeySpec key;

    /**
     * @param key at least 32 bytes of secret; copied
     * @throws IllegalArgumentException if the key is shorter than 32 bytes
     */
    public AttributeHmacSealer(byte[] key) {
        Objects.requireNonNull(key, "key");
        if (key.length < 32) {
            throw new IllegalArgumentException(
                    "attribute HMAC key must be at least 32 bytes (256 bits), was " + key.length + " bytes");
        }
        this.key = new SecretKeySpec(key, ALGORITHM); // SecretKeySpec keeps its own copy
    }

    @Override
    public byte[] seal(String sessionId, String attributeName, byte[] plain) {
        Objects.requireNonNull(plain, "plain");
        byte[] sealed = new byte[HEADER + plain.length];
        sealed[0] = TAG;
        System.arraycopy(mac(sessionId, attributeName, plain, 0, plain.length), 0, sealed, 1, MAC_LENGTH);
        System.arraycopy(plain, 0, sealed, HEADER, plain.length);
        return sealed;
    }

    @Override
    public byte[] open(String sessionId, String attributeName, byte[] sealed) {
        AttributeSealBinding.checkShape(attributeName, sealed, TAG, HEADER, "HMAC-SHA256 sealed data");
        byte[] expected = mac(sessionId, attributeName, sealed, HEADER, sealed.length - HEADER);
        if (!MessageDigest.isEqual(expected, Arrays.copyOfRange(sealed, 1, HEADER))) {
            throw AttributeSealBinding.tampered(attributeName);
        }
        return Arrays.copyOfRange(sealed, HEADER, sealed.length);
    }

    private byte[] mac(String sessionId, String attributeName, byte[] data, int offset, int length) {
        byte[] binding = AttributeSealBinding.of(TAG, sessionId, attributeName);
        try {
            // A Mac is not thread-safe and cheap to create; no pooling, no thread locals to leak on redeploy.
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            mac.update(binding);
            mac.update(ByteBuffer.allocate(4).putInt(length).array());
            mac.update(data, offset, length);
            return mac.doFinal();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available in this JVM", e);
        }
    }

    @Override
    public String toString() {
        return "AttributeHmacSealer[HmacSHA256, key=****]";
    }
}
