package io.github.sessionfilter.attribute;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AttributeAesGcmSealerTest extends AttributeSealerContractTest {

    @Override
    AttributeSealer sealer(byte[] key) {
        return AttributeSealer.aesGcm(key);
    }

    @Override
    int keyLength() {
        return 32;
    }

    @Override
    byte formatTag() {
        return 0x02;
    }

    @Override
    int overhead() {
        return 1 + 12 + 16;
    }

    @Test
    void seal_sameInputTwice_givesDifferentBytesThatBothOpen() {
        AttributeSealer sealer = sealer();

        byte[] first = sealer.seal(SESSION, "cart", PLAIN);
        byte[] second = sealer.seal(SESSION, "cart", PLAIN);

        assertFalse(Arrays.equals(first, second));
        assertFalse(Arrays.equals(Arrays.copyOfRange(first, 1, 13), Arrays.copyOfRange(second, 1, 13)), "nonce reused");
        assertArrayEquals(PLAIN, sealer.open(SESSION, "cart", first));
        assertArrayEquals(PLAIN, sealer.open(SESSION, "cart", second));
    }

    @Test
    void seal_neverReusesANonceAcrossManySeals() {
        AttributeSealer sealer = sealer();
        Set<String> nonces = new HashSet<>();

        for (int i = 0; i < 10_000; i++) {
            nonces.add(Arrays.toString(Arrays.copyOfRange(sealer.seal(SESSION, "cart", PLAIN), 1, 13)));
        }

        assertEquals(10_000, nonces.size());
    }

    @Test
    void seal_hidesTheEncodedBytes() {
        byte[] sealed = sealer().seal(SESSION, "cart", PLAIN);

        assertFalse(new String(sealed, StandardCharsets.ISO_8859_1).contains("cart bytes"));
    }

    @Test
    void constructor_keyLongerThan32Bytes_isRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> sealer(new byte[33]));

        assertEquals("attribute AES-256-GCM key must be exactly 32 bytes (256 bits), was 33 bytes", e.getMessage());
    }

    @Test
    void open_ofHmacSealedBytes_isRejected() {
        byte[] sealed = AttributeSealer.hmacSha256(new byte[32]).seal(SESSION, "cart", PLAIN);

        assertThrows(AttributeDecodeException.class, () -> sealer().open(SESSION, "cart", sealed));
    }
}
