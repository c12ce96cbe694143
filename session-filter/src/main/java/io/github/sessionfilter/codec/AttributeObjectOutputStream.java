package io.github.sessionfilter.codec;

import java.io.IOException;
import java.io.InvalidClassException;
import java.io.ObjectOutputStream;
import java.io.OutputStream;

/**
 * Writes one attribute and refuses, as the class descriptors go out, any class the decoder would
 * refuse: an app storing such a value learns it at once instead of silently losing the attribute on
 * the next request. Records the first refusal in case a {@code writeObject} method swallows it.
 */
final class AttributeObjectOutputStream extends ObjectOutputStream {

    private final AttributeClassRules rules;
    private String rejection;

    AttributeObjectOutputStream(OutputStream out, AttributeClassRules rules) throws IOException {
        super(out);
        this.rules = rules;
    }

    @Override
    protected void annotateClass(Class<?> type) throws IOException {
        String refused = rules.rejection(type);
        if (refused != null) {
            refuse(refused);
        }
    }

    @Override
    protected void annotateProxyClass(Class<?> type) throws IOException {
        refuse("dynamic proxy class " + type.getName() + " is not allowed");
    }

    private void refuse(String message) throws InvalidClassException {
        if (rejection == null) {
            rejection = message;
        }
        throw new InvalidClassException(message);
    }

    /** The first refused class, or {@code null}. */
    String rejection() {
        return rejection;
    }
}
