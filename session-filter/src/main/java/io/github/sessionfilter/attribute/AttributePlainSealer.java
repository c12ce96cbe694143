package io.github.sessionfilter.attribute;

import java.util.Objects;

/** The null-object sealer: returns the bytes unchanged, so the hot path has no "if sealing" branch. */
enum AttributePlainSealer implements AttributeSealer {
    INSTANCE;

    @Override
    public byte[] seal(String sessionId, String attributeName, byte[] plain) {
        return Objects.requireNonNull(plain, "plain");
    }

    @Override
    public byte[] open(String sessionId, String attributeName, byte[] sealed) {
        return Objects.requireNonNull(sealed, "sealed");
    }
}
