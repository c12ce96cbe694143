package io.github.sessionfilter.attribute;

import java.util.List;

/**
 * A value cannot be stored because it contains classes the {@link AttributePolicy} would refuse to
 * read back. Raised when storing, so the mistake shows up at once instead of as a silently dropped
 * attribute on the next request. The message names the attribute, the value's class, every refused
 * class in the value and, where patterns can admit them, the complete setting that would (the
 * configured patterns plus the refused classes), ready to paste. It never contains the value.
 */
public class AttributeNotAllowedException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final String attributeName;
    private final List<String> refusedClassNames;

    /** Creates the exception; {@code rejection} names the refused class. */
    public AttributeNotAllowedException(String attributeName, String valueClassName, String rejection) {
        this(attributeName, valueClassName, rejection, List.of(), null);
    }

    /**
     * Creates the exception.
     *
     * @param rejection what is refused, e.g. {@code classes com.example.Cart, com.example.Item are not allowed}
     * @param refusedClassNames every refused class, in the order the value's serialized form names them
     * @param allowHint a sentence saying how to allow them, e.g. {@code To allow them, set
     *     SESSION_ATTRIBUTES_ALLOW=com.example.Cart,com.example.Item}, or {@code null} if no setting can
     */
    AttributeNotAllowedException(String attributeName, String valueClassName, String rejection,
            List<String> refusedClassNames, String allowHint) {
        super("session attribute '" + attributeName + "' cannot be stored: " + rejection + " (value class "
                + valueClassName + "); the attribute policy would refuse to read it back"
                + (allowHint == null ? "" : ". " + allowHint));
        this.attributeName = attributeName;
        this.refusedClassNames = List.copyOf(refusedClassNames);
    }

    /** The attribute that could not be stored. */
    public String attributeName() {
        return attributeName;
    }

    /**
     * Every class in the value that the policy refuses (element classes for arrays), in the order its
     * serialized form names them; empty if only the message knows.
     */
    public List<String> refusedClassNames() {
        return refusedClassNames;
    }
}
