package io.github.sessionfilter.codec;

import java.io.IOException;
import java.io.ObjectOutputStream;
import java.io.OutputStream;

/**
 * Writes one attribute and notes, as the class descriptors go out, the first class the decoder would
 * refuse, so that an app storing such a value learns it at once instead of silently losing the
 * attribute on the next request.
 *
 * <p>Only notes, never throws: when a write fails, {@code ObjectOutputStream} serializes the
 * exception itself into the stream, and refusing that exception's class would replace the real
 * failure (say, a {@code NotSerializableException}) with a misleading one.
 */
final class AttributeObjectOutputStream extends ObjectOutputStream {

    private final AttributeClassRules rules;
    private String rejection;

    AttributeObjectOutputStream(OutputStream out, AttributeClassRules rules) throws IOException {
        super(out);
        this.rules = rules;
    }

    @Override
    protected void annotateClass(Class<?> type) {
        if (rejection == null) {
            rejection = rules.rejection(type);
        }
    }

    @Override
    protected void annotateProxyClass(Class<?> type) {
        if (rejection == null) {
            rejection = "dynamic proxy class " + type.getName() + " is not allowed";
        }
    }

    /** The first refused class, or {@code null}. */
    String rejection() {
        return rejection;
    }
}
