package io.github.sessionfilter.core;

import java.util.Map;

/**
 * A write about to be sent to the store, with the plain encodings it was built from, so the state
 * can remember what the store holds once the write succeeded.
 */
record PendingWrite(SessionChanges changes, Map<String, byte[]> plainWrites) {
    PendingWrite {
        plainWrites = Map.copyOf(plainWrites);
    }
}
