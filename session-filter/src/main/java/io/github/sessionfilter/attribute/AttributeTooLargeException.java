package io.github.sessionfilter.attribute;

/**
 * A value's encoded form is larger than {@link AttributePolicy#maxBytesPerAttribute()}. The message
 * names the attribute, its encoded size and the limit.
 */
public class AttributeTooLargeException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final String attributeName;
    private final long size;
    private final int limit;

    /** Creates the exception. */
    public AttributeTooLargeException(String attributeName, long size, int limit) {
        super("session attribute '" + attributeName + "' cannot be stored: it encodes to " + size
                + " bytes, over the limit of " + limit + " bytes (maxBytesPerAttribute)");
        this.attributeName = attributeName;
        this.size = size;
        this.limit = limit;
    }

    /** The attribute that could not be stored. */
    public String attributeName() {
        return attributeName;
    }

    /** Its encoded size in bytes. */
    public long size() {
        return size;
    }

    /** The limit it exceeded. */
    public int limit() {
        return limit;
    }
}
