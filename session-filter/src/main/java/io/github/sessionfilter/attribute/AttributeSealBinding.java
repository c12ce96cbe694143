package io.github.sessionfilter.attribute;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * What a seal is bound to: its format tag, the session id and the attribute name, each
 * length-prefixed so that no two (session, attribute) pairs produce the same bytes. Also the
 * structural checks both sealers share.
 */
final class AttributeSealBinding {

    private AttributeSealBinding() {
    }

    /** {@code tag || len(sessionId) || sessionId || len(name) || name}, lengths as 4-byte big-endian. */
    static byte[] of(byte tag, String sessionId, String attributeName) {
        byte[] session = Objects.requireNonNull(sessionId, "sessionId").getBytes(StandardCharsets.UTF_8);
        byte[] name = Objects.requireNonNull(attributeName, "attributeName").getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(1 + 4 + session.length + 4 + name.length)
                .put(tag).putInt(session.length).put(session).putInt(name.length).put(name).array();
    }

    /** Checks length and format tag of sealed bytes before any cryptography. */
    static void checkShape(String attributeName, byte[] sealed, byte tag, int minLength, String format) {
        Objects.requireNonNull(sealed, "sealed");
        if (sealed.length < minLength) {
            throw new AttributeDecodeException(attributeName, AttributeDecodeException.Reason.CORRUPT,
                    "sealed data too short for " + format + " (" + sealed.length + " bytes, at least "
                            + minLength + " expected)");
        }
        if (sealed[0] != tag) {
            String hint = sealed[0] == (byte) 0xAC ? ", looks like unsealed data stored before sealing was enabled"
                    : ", sealed in another format or by a newer version";
            throw new AttributeDecodeException(attributeName, AttributeDecodeException.Reason.CORRUPT,
                    String.format("format tag 0x%02X is not %s (0x%02X)%s", sealed[0] & 0xFF, format, tag & 0xFF,
                            hint));
        }
    }

    static AttributeDecodeException tampered(String attributeName) {
        return new AttributeDecodeException(attributeName, AttributeDecodeException.Reason.TAMPERED,
                "seal does not verify (altered, moved from another attribute or session, or sealed with"
                        + " another key)");
    }
}
