package io.github.sessionfilter.codec;

/**
 * A value cannot be stored because it contains a class the {@link AttributePolicy} would refuse to
 * read back. Raised when storing, so the mistake shows up at once instead of as a silently dropped
 * attribute on the next request. The message names the attribute, the value's class and the
 * refused class.
 */
public class AttributeNotAllowedException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final String attributeName;

    /** Creates the exception; {@code rejection} names the refused class. */
    public AttributeNotAllowedException(String attributeName, String valueClassName, String rejection) {
        super("session attribute '" + attributeName + "' cannot be stored: " + rejection + " (value class "
                + valueClassName + "); the attribute policy would refuse to read it back");
        this.attributeName = attributeName;
    }

    /** The attribute that could not be stored. */
    public String attributeName() {
        return attributeName;
    }
}
