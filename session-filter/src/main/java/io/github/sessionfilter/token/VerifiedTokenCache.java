package io.github.sessionfilter.token;

import java.util.concurrent.ConcurrentHashMap;

/**
 * Tokens already verified by one {@link TokenCodec}, by their exact text. A token never changes during
 * its session, so every request after a session's first on this instance can skip the signature and
 * the JSON. Only accepted tokens are put here (a forger cannot fill it: entering it takes a valid
 * signature), and the caller re-checks expiry on every hit.
 *
 * <p>Bounded: two generations of at most {@code capacity / 2} entries each; when the current one is
 * full it becomes the old one and the old one is dropped, and a hit in the old one moves the token back
 * to the current one, so the tokens in use stay. Thread-safe without locks on the read path; under
 * concurrent writes a generation may briefly exceed its half by the number of writing threads.
 */
final class VerifiedTokenCache {
    private final int generationSize;
    private volatile ConcurrentHashMap<String, VerifiedToken> current = new ConcurrentHashMap<>();
    private volatile ConcurrentHashMap<String, VerifiedToken> previous = new ConcurrentHashMap<>();

    /** @param capacity the most tokens held (about 0.5 KB each); at least 2 */
    VerifiedTokenCache(int capacity) {
        if (capacity < 2) {
            throw new IllegalArgumentException("capacity must be at least 2, was " + capacity);
        }
        this.generationSize = capacity / 2;
    }

    /** The verification result for exactly this token text, or null. */
    VerifiedToken get(String token) {
        VerifiedToken verified = current.get(token);
        if (verified == null) {
            verified = previous.get(token);
            if (verified != null) {
                put(token, verified);
            }
        }
        return verified;
    }

    void put(String token, VerifiedToken verified) {
        ConcurrentHashMap<String, VerifiedToken> generation = current;
        generation.put(token, verified);
        if (generation.size() >= generationSize) {
            retire(generation);
        }
    }

    void remove(String token) {
        current.remove(token);
        previous.remove(token);
    }

    /** How many tokens are held now; for tests. */
    int size() {
        return current.size() + previous.size();
    }

    private synchronized void retire(ConcurrentHashMap<String, VerifiedToken> full) {
        if (current == full) { // another thread may have retired it already
            previous = full;
            current = new ConcurrentHashMap<>();
        }
    }
}
