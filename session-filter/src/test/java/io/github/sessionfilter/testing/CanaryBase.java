package io.github.sessionfilter.testing;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * The non-serializable superclass of {@link GadgetCanary}. Java deserialization runs this constructor
 * when it instantiates a canary, so an entry in {@link #EVENTS} proves an instance was created.
 */
public class CanaryBase {
    /** Everything any canary did in this JVM: "constructed", "readObject", "readResolve". */
    public static final Queue<String> EVENTS = new ConcurrentLinkedQueue<>();

    public CanaryBase() {
        EVENTS.add("constructed");
    }
}
