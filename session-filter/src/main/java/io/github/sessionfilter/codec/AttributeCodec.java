package io.github.sessionfilter.codec;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InvalidClassException;
import java.io.NotSerializableException;
import java.io.ObjectInputFilter;
import java.util.Objects;

/**
 * Turns one session attribute value into bytes and back with Java serialization, safely.
 *
 * <p>Decoding resolves classes through the web app class loader only (plus JDK classes), never runs
 * static initializers while resolving, refuses dynamic proxies, and vets every class and every
 * size, depth, reference and array limit of the {@link AttributePolicy} before anything is
 * instantiated. A JVM-wide {@code jdk.serialFilter} can still reject in addition. Every failure
 * becomes an {@link AttributeDecodeException} naming the attribute and the reason, never the bytes.
 *
 * <p>Encoding refuses what decoding would refuse, so a bad value fails when stored rather than
 * vanishing on the next request. Exception messages never contain a value's {@code toString()}.
 *
 * <p>Immutable and thread-safe; touches no JVM-wide state.
 */
public final class AttributeCodec {

    private final ClassLoader appClassLoader;
    private final AttributePolicy policy;
    private final AttributeClassRules rules;

    /**
     * @param appClassLoader the web app's class loader: attribute classes resolve through it, and the
     *     app-classes rule only admits classes it defines
     * @param policy what may be decoded
     */
    public AttributeCodec(ClassLoader appClassLoader, AttributePolicy policy) {
        this.appClassLoader = Objects.requireNonNull(appClassLoader, "appClassLoader");
        this.policy = Objects.requireNonNull(policy, "policy");
        this.rules = new AttributeClassRules(appClassLoader, policy);
    }

    /**
     * Serializes a value.
     *
     * @throws AttributeNotSerializableException if the value or something it refers to is not serializable
     * @throws AttributeNotAllowedException if it contains a class the policy would not decode
     * @throws AttributeTooLargeException if the bytes exceed {@link AttributePolicy#maxBytesPerAttribute()}
     *     (the value is still written out in full to measure it, but never held beyond the limit)
     * @throws NullPointerException if the value is {@code null}: remove the attribute instead
     * @throws RuntimeException whatever the value's own {@code writeObject} throws, unchanged
     */
    public byte[] encode(String name, Object value) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, () -> "value of session attribute '" + name + "' is null");
        String valueClass = value.getClass().getName();
        AttributeByteSink sink = new AttributeByteSink(policy.maxBytesPerAttribute());
        AttributeObjectOutputStream out;
        try {
            out = new AttributeObjectOutputStream(sink, rules);
            out.writeObject(value);
            out.flush();
        } catch (IOException e) {
            throw notSerializable(name, valueClass, e);
        }
        if (out.rejection() != null) {
            throw new AttributeNotAllowedException(name, valueClass, out.rejection());
        }
        if (sink.exceeded()) {
            throw new AttributeTooLargeException(name, sink.size(), policy.maxBytesPerAttribute());
        }
        return sink.toByteArray();
    }

    private static AttributeNotSerializableException notSerializable(String name, String valueClass,
            IOException e) {
        String detail = null;
        if (e instanceof NotSerializableException) {
            // The JDK's message is the offending class name (plus a field trail with extendedDebugInfo).
            String offender = firstLine(e.getMessage());
            if (!offender.matches("[\\p{javaJavaIdentifierPart}.]+")) {
                detail = offender;
            } else if (!offender.equals(valueClass)) {
                detail = "it refers to a " + offender + ", which is not Serializable";
            }
        } else {
            detail = e.getClass().getName() + " while writing it";
        }
        return new AttributeNotSerializableException(name, valueClass, detail, e);
    }

    /**
     * Deserializes a value stored by {@link #encode}.
     *
     * @throws AttributeDecodeException on corrupt or truncated data, a refused or missing class, or a
     *     limit exceeded
     */
    public Object decode(String name, byte[] bytes) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(bytes, "bytes");
        if (bytes.length > policy.maxBytesPerAttribute()) {
            throw new AttributeDecodeException(name, AttributeDecodeException.Reason.LIMIT_EXCEEDED,
                    bytes.length + " bytes exceed maxBytesPerAttribute " + policy.maxBytesPerAttribute());
        }
        AttributeStreamFilter filter = new AttributeStreamFilter(rules, policy,
                ObjectInputFilter.Config.getSerialFilter());
        Object value;
        try (AttributeObjectInputStream in =
                new AttributeObjectInputStream(new ByteArrayInputStream(bytes), appClassLoader, filter)) {
            value = in.readObject();
        } catch (ClassNotFoundException e) {
            throw failure(name, filter, AttributeDecodeException.Reason.CLASS_NOT_FOUND,
                    "class not found: " + e.getMessage(), e);
        } catch (InvalidClassException e) {
            throw failure(name, filter, AttributeDecodeException.Reason.INCOMPATIBLE_CLASS, incompatible(e), e);
        } catch (EOFException e) {
            throw failure(name, filter, AttributeDecodeException.Reason.CORRUPT, "corrupt data (truncated)", e);
        } catch (IOException | RuntimeException e) {
            throw failure(name, filter, AttributeDecodeException.Reason.CORRUPT,
                    "corrupt data (" + e.getClass().getSimpleName() + ")", e);
        }
        if (filter.rejection() != null) {
            // Something inside the stream caught the filter's exception and carried on: still refuse.
            throw failure(name, filter, null, null, null);
        }
        return value;
    }

    private static AttributeDecodeException failure(String name, AttributeStreamFilter filter,
            AttributeDecodeException.Reason reason, String detail, Exception cause) {
        if (filter.rejection() != null) {
            return new AttributeDecodeException(name, filter.rejectionReason(), filter.rejection(), cause);
        }
        return new AttributeDecodeException(name, reason, detail, cause);
    }

    private static String incompatible(InvalidClassException e) {
        String message = String.valueOf(e.getMessage());
        if (e.classname == null) {
            return "incompatible class data: " + message;
        }
        String prefix = e.classname + "; ";
        String why = message.startsWith(prefix) ? message.substring(prefix.length()) : message;
        return "class " + e.classname + " does not match the stored data (" + why + ")";
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "an object";
        }
        int newline = message.indexOf('\n');
        return (newline < 0 ? message : message.substring(0, newline)).trim();
    }
}
