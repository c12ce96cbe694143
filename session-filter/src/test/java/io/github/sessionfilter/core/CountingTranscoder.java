package io.github.sessionfilter.core;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Plain Java serialization that counts encodes and decodes, with a visible "seal" (prefix) so tests see which id bytes are bound to. */
final class CountingTranscoder implements AttributeTranscoder {
    int decodes;
    int encodes;

    @Override
    public byte[] encode(String name, Object value) {
        encodes++;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(value);
        } catch (IOException e) {
            throw new IllegalArgumentException("attribute '" + name + "' is not serializable", e);
        }
        return bytes.toByteArray();
    }

    @Override
    public Object decode(String name, byte[] plain) {
        decodes++;
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(plain))) {
            return in.readObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public byte[] seal(String sessionId, String name, byte[] plain) {
        byte[] tag = (sessionId + "|").getBytes(StandardCharsets.US_ASCII);
        byte[] sealed = new byte[tag.length + plain.length];
        System.arraycopy(tag, 0, sealed, 0, tag.length);
        System.arraycopy(plain, 0, sealed, tag.length, plain.length);
        return sealed;
    }

    @Override
    public byte[] open(String sessionId, String name, byte[] stored) {
        byte[] tag = (sessionId + "|").getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; i < tag.length; i++) {
            if (i >= stored.length || stored[i] != tag[i]) {
                throw new IllegalStateException("sealed for another session");
            }
        }
        byte[] plain = new byte[stored.length - tag.length];
        System.arraycopy(stored, tag.length, plain, 0, plain.length);
        return plain;
    }
}
