package io.github.sessionfilter.attribute;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.function.LongFunction;
import java.util.function.Predicate;
import java.util.function.ToLongFunction;

/**
 * The Java serialization forms of the commonest attribute values, a {@code String}, {@code Integer},
 * {@code Long} or {@code Boolean}, written and recognised without an {@code ObjectOutputStream} or
 * {@code ObjectInputStream}. Setting up those streams costs more than the value itself; the bytes are
 * exactly what they would write and read, so Redis holds the same data either way and an instance
 * without this shortcut reads it unchanged.
 *
 * <p>A boxed type takes the shortcut only if the codec's own policy, and the JVM-wide serial filter,
 * let the stream form of a sample value through (checked once, by the codec, at construction): the
 * shortcut never admits what the full path would refuse. A {@code String} names no class in its stream
 * form and is always allowed. Anything else, and any string whose encoded form is not the short one
 * (longer than 65535 bytes in modified UTF-8), goes the full way.
 */
final class AttributeScalarForms {
    private static final byte[] STRING_HEADER = {(byte) 0xAC, (byte) 0xED, 0x00, 0x05, 0x74};
    private static final int MAX_SHORT_UTF = 0xFFFF;

    /**
     * A boxed type whose stream form is a fixed prefix followed by the value's bits, big-endian, in
     * {@code valueBytes} bytes.
     */
    private record Boxed(Class<?> type, byte[] prefix, int valueBytes, ToLongFunction<Object> toBits,
            LongFunction<Object> fromBits) {
        boolean matches(byte[] bytes) {
            return bytes.length == prefix.length + valueBytes
                    && Arrays.equals(bytes, 0, prefix.length, prefix, 0, prefix.length);
        }

        byte[] write(Object value) {
            byte[] bytes = Arrays.copyOf(prefix, prefix.length + valueBytes);
            long bits = toBits.applyAsLong(value);
            for (int i = bytes.length - 1; i >= prefix.length; i--) {
                bytes[i] = (byte) bits;
                bits >>>= 8;
            }
            return bytes;
        }

        Object read(byte[] bytes) {
            long bits = 0;
            for (int i = prefix.length; i < bytes.length; i++) {
                bits = (bits << 8) | (bytes[i] & 0xFF);
            }
            return fromBits.apply(bits);
        }
    }

    private final Boxed[] boxed;

    /**
     * @param admits whether the full decoder accepts these bytes (the sample of a boxed type), so that a
     *     policy or serial filter that refuses {@code java.lang.Number} or its subclasses keeps refusing
     */
    AttributeScalarForms(Predicate<byte[]> admits) {
        Boxed[] all = {
            boxed(Integer.class, 4, 0x01020304, 0x7F6E5D4C, v -> (Integer) v, bits -> (int) bits),
            boxed(Long.class, 8, 0x0102030405060708L, 0x7F6E5D4C3B2A1908L, v -> (Long) v, bits -> bits),
            boxed(Boolean.class, 1, Boolean.FALSE, Boolean.TRUE, v -> (Boolean) v ? 1 : 0, bits -> bits != 0),
        };
        this.boxed = Arrays.stream(all).filter(b -> b != null && admits.test(b.write(b.fromBits().apply(0)))).toArray(Boxed[]::new);
    }

    /**
     * The serialized form of a value this class handles, or {@code null} to take the full path.
     */
    byte[] encode(Object value) {
        Class<?> type = value.getClass();
        if (type == String.class) {
            return encodeString((String) value);
        }
        for (Boxed b : boxed) {
            if (b.type() == type) {
                return b.write(value);
            }
        }
        return null;
    }

    /** The value of bytes in one of the forms above, or {@code null} to take the full path. */
    Object decode(byte[] bytes) {
        if (bytes.length >= STRING_HEADER.length + 2
                && Arrays.equals(bytes, 0, STRING_HEADER.length, STRING_HEADER, 0, STRING_HEADER.length)) {
            return decodeString(bytes);
        }
        for (Boxed b : boxed) {
            if (b.matches(bytes)) {
                return b.read(bytes);
            }
        }
        return null;
    }

    private static byte[] encodeString(String value) {
        int length = value.length();
        int utf = 0;
        for (int i = 0; i < length; i++) {
            char c = value.charAt(i);
            utf += c >= 0x0001 && c <= 0x007F ? 1 : c > 0x07FF ? 3 : 2;
        }
        if (utf > MAX_SHORT_UTF) {
            return null; // written as TC_LONGSTRING: the full path
        }
        byte[] bytes = Arrays.copyOf(STRING_HEADER, STRING_HEADER.length + 2 + utf);
        int at = STRING_HEADER.length;
        bytes[at++] = (byte) (utf >>> 8);
        bytes[at++] = (byte) utf;
        for (int i = 0; i < length; i++) {
            char c = value.charAt(i);
            if (c >= 0x0001 && c <= 0x007F) {
                bytes[at++] = (byte) c;
            } else if (c > 0x07FF) {
                bytes[at++] = (byte) (0xE0 | ((c >> 12) & 0x0F));
                bytes[at++] = (byte) (0x80 | ((c >> 6) & 0x3F));
                bytes[at++] = (byte) (0x80 | (c & 0x3F));
            } else {
                bytes[at++] = (byte) (0xC0 | ((c >> 6) & 0x1F));
                bytes[at++] = (byte) (0x80 | (c & 0x3F));
            }
        }
        return bytes;
    }

    /** A short string filling the whole array, or {@code null} (anything else: the full path decides). */
    private static String decodeString(byte[] bytes) {
        int at = STRING_HEADER.length;
        int utf = ((bytes[at] & 0xFF) << 8) | (bytes[at + 1] & 0xFF);
        if (bytes.length != at + 2 + utf) {
            return null;
        }
        try {
            return new DataInputStream(new ByteArrayInputStream(bytes, at, bytes.length - at)).readUTF();
        } catch (IOException e) {
            return null; // malformed modified UTF-8: the full path reports it
        }
    }

    private static Boxed boxed(Class<?> type, int valueBytes, Object one, Object other, ToLongFunction<Object> toBits,
            LongFunction<Object> fromBits) {
        byte[] a = serialize(one);
        byte[] b = serialize(other);
        int prefix = a.length - valueBytes;
        if (a.length != b.length || !Arrays.equals(a, 0, prefix, b, 0, prefix)) {
            return null; // not the fixed layout this class relies on: leave the type to the full path
        }
        Boxed boxed = new Boxed(type, Arrays.copyOf(a, prefix), valueBytes, toBits, fromBits);
        boolean exact = Arrays.equals(boxed.write(one), a) && Arrays.equals(boxed.write(other), b)
                && boxed.read(a).equals(one) && boxed.read(b).equals(other);
        return exact ? boxed : null;
    }

    private static byte[] serialize(Object value) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }
}
