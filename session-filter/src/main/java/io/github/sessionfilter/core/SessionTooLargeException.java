package io.github.sessionfilter.core;

/**
 * Storing an attribute would make the session larger than its byte limit (setting
 * {@code session.max-bytes}). The attribute is not stored. The message names the attribute, the size
 * the session would have and the limit; never a value.
 */
public class SessionTooLargeException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final String attributeName;
    private final long size;
    private final long limit;

    /**
     * @param attributeSize the serialized size of the refused value
     * @param size          the total the session would have had
     * @param limit         the per-session limit
     */
    public SessionTooLargeException(String attributeName, long attributeSize, long size, long limit) {
        super("session attribute '" + attributeName + "' (" + attributeSize + " bytes) cannot be stored: the session"
                + " would hold " + size + " bytes of attributes, over the limit of " + limit
                + " bytes per session (session.max-bytes)");
        this.attributeName = attributeName;
        this.size = size;
        this.limit = limit;
    }

    /** The attribute that was refused. */
    public String attributeName() {
        return attributeName;
    }

    /** The total serialized size the session would have had, in bytes. */
    public long size() {
        return size;
    }

    /** The limit, in bytes. */
    public long limit() {
        return limit;
    }
}
