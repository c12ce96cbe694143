package io.github.sessionfilter.attribute;

/**
 * A stored attribute could not be turned back into an object. The message names the attribute and
 * the reason, never the stored bytes, so it is safe to log. Callers drop the one attribute and keep
 * the rest of the session.
 */
public class AttributeDecodeException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** Why an attribute could not be read, for logs and metrics. */
    public enum Reason {
        /** The data names a class the policy refuses (possibly an attack, or a missing allow pattern). */
        NOT_ALLOWED,
        /** The data names a class the app no longer has (typically removed or renamed by a redeploy). */
        CLASS_NOT_FOUND,
        /** The class exists but no longer matches the data (serialVersionUID or shape changed). */
        INCOMPATIBLE_CLASS,
        /** Depth, reference, array length or size limit exceeded. */
        LIMIT_EXCEEDED,
        /** Not a valid serialized object: garbage, truncated or cut short. */
        CORRUPT,
        /** The seal did not verify: tampered, moved to another attribute or session, or another key. */
        TAMPERED
    }

    private final String attributeName;
    private final Reason reason;

    /** Creates the exception; {@code detail} must not contain attribute data. */
    public AttributeDecodeException(String attributeName, Reason reason, String detail) {
        this(attributeName, reason, detail, null);
    }

    /** Creates the exception; {@code detail} must not contain attribute data. */
    public AttributeDecodeException(String attributeName, Reason reason, String detail, Throwable cause) {
        super("session attribute '" + attributeName + "' cannot be read: " + detail, cause);
        this.attributeName = attributeName;
        this.reason = reason;
    }

    /** The attribute that could not be read. */
    public String attributeName() {
        return attributeName;
    }

    /** Why it could not be read. */
    public Reason reason() {
        return reason;
    }
}
