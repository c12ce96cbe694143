package io.github.sessionfilter.attribute;

import java.io.IOException;
import java.io.ObjectOutputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes one attribute and notes, as the class descriptors go out, every class the decoder would
 * refuse, so that an app storing such a value learns it at once instead of silently losing the
 * attribute on the next request.
 *
 * <p>Only notes, never throws: when a write fails, {@code ObjectOutputStream} serializes the
 * exception itself into the stream, and refusing that exception's class would replace the real
 * failure (say, a {@code NotSerializableException}) with a misleading one.
 */
final class AttributeObjectOutputStream extends ObjectOutputStream {

    private final AttributeClassRules rules;
    private final Map<String, AttributeClassRules.Refusal> refusals = new LinkedHashMap<>();

    AttributeObjectOutputStream(OutputStream out, AttributeClassRules rules) throws IOException {
        super(out);
        this.rules = rules;
    }

    @Override
    protected void annotateClass(Class<?> type) {
        AttributeClassRules.Refusal refusal = rules.refusal(type);
        if (refusal != null) {
            refusals.putIfAbsent(refusal.className(), refusal);
        }
    }

    @Override
    protected void annotateProxyClass(Class<?> type) {
        refusals.putIfAbsent(type.getName(),
                new AttributeClassRules.Refusal(type.getName(), true, "dynamic proxy class " + type.getName() + " is not allowed"));
    }

    /** Every refused class, in the order the stream first names them. */
    List<AttributeClassRules.Refusal> refusals() {
        return new ArrayList<>(refusals.values());
    }
}
