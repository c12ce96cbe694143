package io.github.sessionfilter.attribute;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** What every protecting {@link AttributeSealer} promises; one subclass per implementation. */
abstract class AttributeSealerContractTest {

    static final String SESSION = "3f1c9a7e-session";
    static final byte[] PLAIN = "serialized cart bytes".getBytes(StandardCharsets.UTF_8);

    abstract AttributeSealer sealer(byte[] key);

    abstract int keyLength();

    abstract byte formatTag();

    abstract int overhead();

    byte[] key(int seed) {
        byte[] key = new byte[keyLength()];
        Arrays.fill(key, (byte) seed);
        return key;
    }

    AttributeSealer sealer() {
        return sealer(key(1));
    }

    private AttributeDecodeException openFails(AttributeSealer sealer, String session, String name, byte[] sealed) {
        return assertThrows(AttributeDecodeException.class, () -> sealer.open(session, name, sealed));
    }

    @Test
    void open_ofSealed_returnsOriginalBytes() {
        AttributeSealer sealer = sealer();

        assertArrayEquals(PLAIN, sealer.open(SESSION, "cart", sealer.seal(SESSION, "cart", PLAIN)));
        assertArrayEquals(new byte[0], sealer.open(SESSION, "cart", sealer.seal(SESSION, "cart", new byte[0])));
    }

    @Test
    void seal_startsWithFormatTagAndAddsFixedOverhead() {
        byte[] sealed = sealer().seal(SESSION, "cart", PLAIN);

        assertEquals(formatTag(), sealed[0]);
        assertEquals(PLAIN.length + overhead(), sealed.length);
    }

    @Test
    void open_withAnySingleBitFlipped_isRejected() {
        AttributeSealer sealer = sealer();
        byte[] sealed = sealer.seal(SESSION, "cart", PLAIN);

        for (int i = 0; i < sealed.length; i++) {
            for (int bit = 0; bit < 8; bit++) {
                byte[] tampered = sealed.clone();
                tampered[i] ^= (byte) (1 << bit);
                AttributeDecodeException e = openFails(sealer, SESSION, "cart", tampered);
                assertEquals(i == 0 ? AttributeDecodeException.Reason.CORRUPT : AttributeDecodeException.Reason.TAMPERED,
                        e.reason(), "byte " + i + " bit " + bit);
            }
        }
    }

    @Test
    void open_bytesMovedToAnotherAttribute_isRejected() {
        AttributeSealer sealer = sealer();
        byte[] sealed = sealer.seal(SESSION, "role", PLAIN);

        AttributeDecodeException e = openFails(sealer, SESSION, "cart", sealed);

        assertEquals(AttributeDecodeException.Reason.TAMPERED, e.reason());
        assertEquals("session attribute 'cart' cannot be read: seal does not verify (altered, moved from another"
                + " attribute or session, or sealed with another key)", e.getMessage());
    }

    @Test
    void open_bytesMovedToAnotherSession_isRejected() {
        AttributeSealer sealer = sealer();
        byte[] sealed = sealer.seal(SESSION, "cart", PLAIN);

        String sameLengthSession = "3f1c9a7e-sessioN";

        assertEquals(AttributeDecodeException.Reason.TAMPERED, openFails(sealer, sameLengthSession, "cart", sealed).reason());
    }

    @Test
    void open_sessionAndNameBoundaryShifted_isRejected() {
        AttributeSealer sealer = sealer();
        byte[] sealed = sealer.seal("ab", "c", PLAIN);

        openFails(sealer, "a", "bc", sealed);
    }

    @Test
    void open_withAnotherKey_isRejected() {
        byte[] sealed = sealer(key(1)).seal(SESSION, "cart", PLAIN);

        assertEquals(AttributeDecodeException.Reason.TAMPERED, openFails(sealer(key(2)), SESSION, "cart", sealed).reason());
    }

    @Test
    void open_withUnknownFormatTag_isRejectedNamingTheTag() {
        AttributeSealer sealer = sealer();
        byte[] sealed = sealer.seal(SESSION, "cart", PLAIN);
        sealed[0] = 0x7F;

        AttributeDecodeException e = openFails(sealer, SESSION, "cart", sealed);

        assertEquals(AttributeDecodeException.Reason.CORRUPT, e.reason());
        assertTrue(e.getMessage().contains("format tag 0x7F is not"), e.getMessage());
    }

    @Test
    void open_ofUnsealedSerializedBytes_saysTheyAreUnsealed() {
        byte[] unsealed = AttributeTestStreams.serialize("a value stored before sealing was turned on");

        AttributeDecodeException e = openFails(sealer(), SESSION, "cart", unsealed);

        assertTrue(e.getMessage().contains("format tag 0xAC"), e.getMessage());
        assertTrue(e.getMessage().contains("unsealed data"), e.getMessage());
    }

    @Test
    void open_tooShort_isRejected() {
        for (int length = 0; length < overhead(); length++) {
            byte[] bytes = new byte[length];
            if (length > 0) {
                bytes[0] = formatTag();
            }
            assertEquals(AttributeDecodeException.Reason.CORRUPT, openFails(sealer(), SESSION, "cart", bytes).reason());
        }
    }

    @Test
    void open_truncated_isRejected() {
        AttributeSealer sealer = sealer();
        byte[] sealed = sealer.seal(SESSION, "cart", PLAIN);

        for (int length = overhead(); length < sealed.length; length++) {
            openFails(sealer, SESSION, "cart", Arrays.copyOf(sealed, length));
        }
    }

    @Test
    void constructor_keepsItsOwnCopyOfTheKey() {
        byte[] key = key(7);
        AttributeSealer sealer = sealer(key);
        byte[] sealed = sealer.seal(SESSION, "cart", PLAIN);

        Arrays.fill(key, (byte) 0);

        assertArrayEquals(PLAIN, sealer.open(SESSION, "cart", sealed));
        assertArrayEquals(PLAIN, sealer(key(7)).open(SESSION, "cart", sealed));
    }

    @Test
    void constructor_shortKey_isRejectedWithItsLength() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> sealer(new byte[keyLength() - 1]));

        assertTrue(e.getMessage().contains("32 bytes"), e.getMessage());
        assertTrue(e.getMessage().contains("was " + (keyLength() - 1) + " bytes"), e.getMessage());
    }

    @Test
    void toString_neverShowsTheKey() {
        assertFalse(sealer(key(0x41)).toString().contains("AAAA"));
    }
}
