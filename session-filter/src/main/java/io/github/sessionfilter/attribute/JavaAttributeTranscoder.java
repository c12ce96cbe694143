package io.github.sessionfilter.attribute;

import io.github.sessionfilter.core.AttributeTranscoder;

/** Attribute values as Java serialization ({@link AttributeCodec}), optionally sealed ({@link AttributeSealer}). */
public final class JavaAttributeTranscoder implements AttributeTranscoder {
    private final AttributeCodec codec;
    private final AttributeSealer sealer;

    public JavaAttributeTranscoder(AttributeCodec codec, AttributeSealer sealer) {
        this.codec = codec;
        this.sealer = sealer;
    }

    @Override
    public byte[] encode(String name, Object value) {
        return codec.encode(name, value);
    }

    @Override
    public Object decode(String name, byte[] plain) {
        return codec.decode(name, plain);
    }

    @Override
    public byte[] seal(String sessionId, String name, byte[] plain) {
        return sealer.seal(sessionId, name, plain);
    }

    @Override
    public byte[] open(String sessionId, String name, byte[] stored) {
        return sealer.open(sessionId, name, stored);
    }
}
