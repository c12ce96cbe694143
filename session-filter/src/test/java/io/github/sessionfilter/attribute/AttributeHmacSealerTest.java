package io.github.sessionfilter.attribute;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class AttributeHmacSealerTest extends AttributeSealerContractTest {

    @Override
    AttributeSealer sealer(byte[] key) {
        return AttributeSealer.hmacSha256(key);
    }

    @Override
    int keyLength() {
        return 32;
    }

    @Override
    byte formatTag() {
        return 0x01;
    }

    @Override
    int overhead() {
        return 1 + 32;
    }

    @Test
    void seal_keepsTheEncodedBytesReadableAfterTheMac() {
        byte[] sealed = sealer().seal(SESSION, "cart", PLAIN);

        assertArrayEquals(PLAIN, Arrays.copyOfRange(sealed, 33, sealed.length));
    }

    @Test
    void constructor_acceptsKeysLongerThan32Bytes() {
        AttributeSealer sealer = sealer(new byte[64]);

        assertArrayEquals(PLAIN, sealer.open(SESSION, "cart", sealer.seal(SESSION, "cart", PLAIN)));
    }

    @Test
    void open_ofAesGcmSealedBytes_isRejected() {
        byte[] sealed = AttributeSealer.aesGcm(new byte[32]).seal(SESSION, "cart", PLAIN);

        assertThrows(AttributeDecodeException.class, () -> sealer().open(SESSION, "cart", sealed));
    }
}
