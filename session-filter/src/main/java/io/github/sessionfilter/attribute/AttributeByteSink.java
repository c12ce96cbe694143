package io.github.sessionfilter.attribute;

import java.io.OutputStream;
import java.util.Arrays;

/**
 * Collects encoded bytes up to a limit and only counts the rest, so an oversized value can be
 * reported with its exact size without holding a copy of it in memory. Not thread-safe.
 */
final class AttributeByteSink extends OutputStream {

    private final int limit;
    private byte[] buffer = new byte[512];
    private int held;
    private long size;

    AttributeByteSink(int limit) {
        this.limit = limit;
    }

    @Override
    public void write(int b) {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] bytes, int offset, int length) {
        size += length;
        if (buffer == null) {
            return;
        }
        if (size > limit) {
            buffer = null;
            return;
        }
        if (held + length > buffer.length) {
            buffer = Arrays.copyOf(buffer, (int) Math.min(limit, Math.max(held + length, 2L * buffer.length)));
        }
        System.arraycopy(bytes, offset, buffer, held, length);
        held += length;
    }

    /** Bytes written so far, including those past the limit. */
    long size() {
        return size;
    }

    boolean exceeded() {
        return size > limit;
    }

    /** The bytes written; only valid when the limit was not exceeded. */
    byte[] toByteArray() {
        return Arrays.copyOf(buffer, held);
    }
}
