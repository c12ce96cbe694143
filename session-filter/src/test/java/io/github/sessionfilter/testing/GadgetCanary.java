package io.github.sessionfilter.testing;

import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.Serializable;

/**
 * A harmless stand-in for a deserialization gadget: a serializable class the filter must never
 * instantiate from Redis data. Anything it would run during deserialization (its superclass
 * constructor, {@code readObject}, {@code readResolve}) leaves a trace in {@link CanaryBase#EVENTS}.
 */
public class GadgetCanary extends CanaryBase implements Serializable {
    private static final long serialVersionUID = 1L;
    private final String payload;

    public GadgetCanary(String payload) {
        this.payload = payload;
    }

    private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
        EVENTS.add("readObject");
        in.defaultReadObject();
    }

    private Object readResolve() {
        EVENTS.add("readResolve");
        return this;
    }

    @Override
    public String toString() {
        return "GadgetCanary(" + payload + ")";
    }
}
