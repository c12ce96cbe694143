package io.github.sessionfilter.core;

import java.util.Arrays;

/**
 * One attribute inside a {@link SessionState}: the stored bytes as loaded, the plain encoding last
 * known to be in the store, and the live value once decoded. Package-private bookkeeping.
 */
final class AttributeSlot {
    /** Stored (sealed) bytes as loaded; null once the value has been decoded or set in this request. */
    byte[] stored;
    /** The plain encoding the store holds for this attribute; null if the store does not hold it yet. */
    byte[] persistedPlain;
    Object value;
    boolean decoded;
    /** Serialized size when last encoded or decoded; for the per-session byte limit. */
    int encodedSize;

    static AttributeSlot loaded(byte[] stored) {
        AttributeSlot slot = new AttributeSlot();
        slot.stored = stored;
        return slot;
    }

    static AttributeSlot assigned(Object value) {
        AttributeSlot slot = new AttributeSlot();
        slot.value = value;
        slot.decoded = true;
        return slot;
    }

    /** The size this attribute is known to take: stored bytes until decoded, then its last encoding. */
    long size() {
        return stored != null ? stored.length : encodedSize;
    }

    boolean differsFrom(byte[] plain) {
        return persistedPlain == null || !Arrays.equals(persistedPlain, plain);
    }
}
