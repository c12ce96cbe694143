package io.github.sessionfilter.core;

/**
 * Told when attribute values come to life in this JVM and when they are about to be written out, so
 * the servlet layer can call {@code HttpSessionActivationListener}s.
 */
public interface ValueObserver {
    ValueObserver NONE = new ValueObserver() {
    };

    /** A value was just decoded from the store (activated). */
    default void activated(String name, Object value) {
    }

    /** A value is about to be encoded for the store (passivated). */
    default void passivating(String name, Object value) {
    }
}
