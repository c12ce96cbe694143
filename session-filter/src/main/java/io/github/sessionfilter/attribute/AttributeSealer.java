package io.github.sessionfilter.attribute;

/**
 * Optional protection of an encoded attribute at rest, bound to the session and attribute it
 * belongs to: bytes copied to another attribute or another session, altered, or sealed with another
 * key fail to {@link #open}. Sealing happens after {@link AttributeCodec#encode}, opening before
 * {@link AttributeCodec#decode}, so the codec never parses unauthenticated bytes.
 *
 * <p>Because the session id is bound in, changing a session's id means opening every attribute
 * under the old id and sealing it under the new one. Implementations are thread-safe.
 */
public interface AttributeSealer {

    /** Protects {@code plain}; the result is what gets stored. */
    byte[] seal(String sessionId, String attributeName, byte[] plain);

    /**
     * Verifies and unwraps what {@link #seal} produced for the same session id and attribute name.
     *
     * @throws AttributeDecodeException if the bytes were altered, moved, cut short, carry another
     *     format tag, or were sealed with another key
     */
    byte[] open(String sessionId, String attributeName, byte[] sealed);

    /** No protection: stores the encoded bytes as they are. */
    static AttributeSealer none() {
        return AttributePlainSealer.INSTANCE;
    }

    /** Integrity only (HMAC-SHA256); the key must be at least 32 bytes and is copied. */
    static AttributeSealer hmacSha256(byte[] key) {
        return new AttributeHmacSealer(key);
    }

    /** Integrity and confidentiality (AES-256-GCM); the key must be exactly 32 bytes and is copied. */
    static AttributeSealer aesGcm(byte[] key) {
        return new AttributeAesGcmSealer(key);
    }
}
