package io.github.sessionfilter.attribute;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class AttributeScalarFormsTest {

    private final AttributeScalarForms forms = new AttributeScalarForms(bytes -> true);

    static Stream<Object> scalars() {
        return Stream.of("", "a", "user-42", "ünïcödé", "€ and 日本", "nul\u0000inside", "emoji \uD83D\uDE00",
                "lone \uD800 surrogate", "x".repeat(65_535), "€".repeat(21_845),
                0, 1, -1, 127, 128, Integer.MIN_VALUE, Integer.MAX_VALUE,
                0L, -1L, Long.MIN_VALUE, Long.MAX_VALUE, 1L << 40,
                true, false);
    }

    @ParameterizedTest
    @MethodSource("scalars")
    void encode_writesExactlyWhatObjectOutputStreamWrites(Object value) throws IOException {
        assertArrayEquals(serialize(value), forms.encode(value));
    }

    @ParameterizedTest
    @MethodSource("scalars")
    void decode_readsWhatObjectOutputStreamWrote(Object value) throws IOException {
        Object decoded = forms.decode(serialize(value));
        assertEquals(value, decoded);
        assertEquals(value.getClass(), decoded.getClass());
    }

    @ParameterizedTest
    @MethodSource("scalars")
    void objectInputStream_readsWhatTheShortcutWrote(Object value) throws Exception {
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(forms.encode(value)))) {
            assertEquals(value, in.readObject());
        }
    }

    @Test
    void stringsLongerThanTheShortForm_andOtherTypes_takeTheFullPath() throws IOException {
        assertNull(forms.encode("x".repeat(65_536)));
        assertNull(forms.encode("€".repeat(21_846)));
        assertNull(forms.decode(serialize("x".repeat(65_536))));
        for (Object other : List.of((short) 1, 1.5d, 'c', new StringBuilder("s"), List.of("a"))) {
            assertNull(forms.encode(other), other.getClass().getName());
            assertNull(forms.decode(serialize(other)), other.getClass().getName());
        }
    }

    @Test
    void bytesThatOnlyLookLikeAShortForm_takeTheFullPath() throws IOException {
        byte[] string = serialize("hello");
        assertNull(forms.decode(Arrays.copyOf(string, string.length - 1)));
        assertNull(forms.decode(Arrays.copyOf(string, string.length + 1)));
        byte[] badUtf = string.clone();
        badUtf[badUtf.length - 1] = (byte) 0xC0; // a two-byte lead with nothing after it
        assertNull(forms.decode(badUtf));
        byte[] integer = serialize(7);
        assertNull(forms.decode(Arrays.copyOf(integer, integer.length - 1)));
        byte[] otherClass = integer.clone();
        otherClass[10] ^= 1; // a letter of the class name
        assertNull(forms.decode(otherClass));
    }

    @Test
    void boxedTypesTheFullDecoderRefuses_takeTheFullPath_stringsStillDoNot() throws IOException {
        AttributeScalarForms refusing = new AttributeScalarForms(bytes -> false);
        assertNull(refusing.encode(7));
        assertNull(refusing.decode(serialize(7)));
        assertNull(refusing.encode(7L));
        assertNull(refusing.encode(true));
        assertArrayEquals(serialize("s"), refusing.encode("s"));
    }

    @Test
    void codec_stillEnforcesTheSizeLimit_onTheShortcut() {
        AttributeCodec codec = new AttributeCodec(getClass().getClassLoader(),
                AttributePolicy.builder().maxBytesPerAttribute(100).build());
        assertEquals("short", codec.decode("s", codec.encode("s", "short")));
        assertThrows(AttributeTooLargeException.class, () -> codec.encode("s", "x".repeat(100)));
        assertEquals(42, codec.decode("n", codec.encode("n", 42)));
    }

    private static byte[] serialize(Object value) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(value);
        }
        return bytes.toByteArray();
    }
}
