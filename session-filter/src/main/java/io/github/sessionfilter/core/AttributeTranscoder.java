package io.github.sessionfilter.core;

/**
 * Turns attribute values into stored bytes and back, in two steps so that change detection can
 * compare plain encodings even when the stored form is encrypted with a random nonce.
 */
public interface AttributeTranscoder {

    /** Encodes a value; fails at once (unchecked) with a message naming the attribute if it cannot. */
    byte[] encode(String name, Object value);

    /** Decodes plain bytes; throws an unchecked exception if they are unreadable or not allowed. */
    Object decode(String name, byte[] plain);

    /** Protects plain bytes for storage (identity when no protection is configured). */
    byte[] seal(String sessionId, String name, byte[] plain);

    /** Reverses {@link #seal}; throws an unchecked exception if the bytes were not sealed by us for this place. */
    byte[] open(String sessionId, String name, byte[] stored);
}
