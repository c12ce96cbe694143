package io.github.sessionfilter.attribute;

/**
 * A value cannot be stored because it, or something it refers to, is not serializable. The message
 * names the attribute, the value's class and the offending class; never the value itself.
 */
public class AttributeNotSerializableException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final String attributeName;
    private final String valueClassName;

    /** Creates the exception; {@code detail} says which nested class is at fault, or is {@code null}. */
    public AttributeNotSerializableException(String attributeName, String valueClassName, String detail,
            Throwable cause) {
        super("session attribute '" + attributeName + "' cannot be stored: " + valueClassName
                + " is not serializable" + (detail == null ? "" : " (" + detail + ")"), cause);
        this.attributeName = attributeName;
        this.valueClassName = valueClassName;
    }

    /** The attribute that could not be stored. */
    public String attributeName() {
        return attributeName;
    }

    /** The class of the value given for it. */
    public String valueClassName() {
        return valueClassName;
    }
}
