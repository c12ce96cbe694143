package io.github.sessionfilter.attribute;

import java.io.Serializable;

/**
 * A stand-in for one of a web app's own classes. Tests copy its class file into a temporary
 * {@code WEB-INF/classes} directory or {@code WEB-INF/lib} jar, so it must only use JDK classes.
 */
public class AttributeAppClassFixture implements Serializable {

    private static final long serialVersionUID = 1L;

    private final String label;

    public AttributeAppClassFixture(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
