package io.github.sessionfilter.attribute;

import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Objects;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Integrity and confidentiality for stored attributes with AES-256-GCM: attribute values are not
 * readable in Redis, and bytes not sealed with the key are refused before deserialization. Stored
 * form: a 1-byte format tag ({@code 0x02}), a random 12-byte nonce (fresh for every seal), the
 * ciphertext and 16-byte tag. The associated data is the format tag and the length-prefixed session
 * id and attribute name. The key (exactly 32 bytes) is copied. Thread-safe.
 *
 * <p>Random 96-bit nonces are safe for about 2^32 seals per key; rotate the key well before that.
 */
final class AttributeAesGcmSealer implements AttributeSealer {

    static final byte TAG = 0x02;
    private static final String TRANSFORMATION = "AES/GCM/NoPadding";
    private static final int NONCE_LENGTH = 12;
    private static final int TAG_BITS = 128;
    private static final int HEADER = 1 + NONCE_LENGTH;
    private static final int MIN_LENGTH = HEADER + TAG_BITS / 8;

    private final SecretKeySpec key;
    private final SecureRandom random = new SecureRandom();

    /**
     * @param key exactly 32 bytes of secret; copied
     * @throws IllegalArgumentException if the key is not 32 bytes
     */
    public AttributeAesGcmSealer(byte[] key) {
        Objects.requireNonNull(key, "key");
        if (key.length != 32) {
            throw new IllegalArgumentException(
                    "attribute AES-256-GCM key must be exactly 32 bytes (256 bits), was " + key.length + " bytes");
        }
        this.key = new SecretKeySpec(key, "AES"); // SecretKeySpec keeps its own copy
    }

    @Override
    public byte[] seal(String sessionId, String attributeName, byte[] plain) {
        Objects.requireNonNull(plain, "plain");
        byte[] aad = AttributeSealBinding.of(TAG, sessionId, attributeName);
        byte[] sealed = new byte[MIN_LENGTH + plain.length];
        sealed[0] = TAG;
        byte[] nonce = new byte[NONCE_LENGTH];
        random.nextBytes(nonce);
        System.arraycopy(nonce, 0, sealed, 1, NONCE_LENGTH);
        try {
            Cipher cipher = Cipher.getInstance(TRANSFORMATION);
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(aad);
            cipher.doFinal(plain, 0, plain.length, sealed, HEADER);
            return sealed;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-256-GCM is not available in this JVM", e);
        }
    }

    @Override
    public byte[] open(String sessionId, String attributeName, byte[] sealed) {
        AttributeSealBinding.checkShape(attributeName, sealed, TAG, MIN_LENGTH, "AES-256-GCM sealed data");
        byte[] aad = AttributeSealBinding.of(TAG, sessionId, attributeName);
        try {
            Cipher cipher = Cipher.getInstance(TRANSFORMATION);
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, sealed, 1, NONCE_LENGTH));
            cipher.updateAAD(aad);
            return cipher.doFinal(sealed, HEADER, sealed.length - HEADER);
        } catch (AEADBadTagException e) {
            throw AttributeSealBinding.tampered(attributeName);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-256-GCM is not available in this JVM", e);
        }
    }

    @Override
    public String toString() {
        return "AttributeAesGcmSealer[AES-256-GCM, key=****]";
    }
}
