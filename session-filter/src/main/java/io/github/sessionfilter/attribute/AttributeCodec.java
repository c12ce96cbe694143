package io.github.sessionfilter.attribute;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InvalidClassException;
import java.io.NotSerializableException;
import java.io.ObjectInputFilter;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

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
 * vanishing on the next request. One {@link AttributeNotAllowedException} names every refused class
 * in the value and the setting that would allow them; each refused class is logged once per codec
 * (once per start of the filter), not on every request. Exception messages never contain a value's
 * {@code toString()}.
 *
 * <p>Thread-safe; its only state is the set of class names already logged. Touches no JVM-wide state.
 */
public final class AttributeCodec {

    private static final System.Logger LOG = System.getLogger(AttributeCodec.class.getName());
    /** The environment variable that holds the allow patterns; the message tells users to set it. */
    private static final String ALLOW_VARIABLE = "SESSION_ATTRIBUTES_ALLOW";

    private final ClassLoader appClassLoader;
    private final AttributePolicy policy;
    private final AttributeClassRules rules;
    private final Set<String> loggedRefusals = ConcurrentHashMap.newKeySet();
    private final AttributeScalarForms scalars;

    /**
     * @param appClassLoader the web app's class loader: attribute classes resolve through it, and the
     *     app-classes rule only admits classes it defines
     * @param policy what may be decoded
     */
    public AttributeCodec(ClassLoader appClassLoader, AttributePolicy policy) {
        this.appClassLoader = Objects.requireNonNull(appClassLoader, "appClassLoader");
        this.policy = Objects.requireNonNull(policy, "policy");
        this.rules = new AttributeClassRules(appClassLoader, policy);
        this.scalars = new AttributeScalarForms(this::admitted);
    }

    /** Whether the full decoder accepts these bytes (a sample of a value {@link AttributeScalarForms} writes). */
    private boolean admitted(byte[] bytes) {
        try {
            decodeFully("(sample)", bytes);
            return true;
        } catch (AttributeDecodeException e) {
            return false;
        }
    }

    /**
     * Serializes a value.
     *
     * @throws AttributeNotSerializableException if the value or something it refers to is not serializable
     * @throws AttributeNotAllowedException if it contains classes the policy would not decode; names
     *     them all
     * @throws AttributeTooLargeException if the bytes exceed {@link AttributePolicy#maxBytesPerAttribute()}
     *     (the value is still written out in full to measure it, but never held beyond the limit)
     * @throws NullPointerException if the value is {@code null}: remove the attribute instead
     * @throws RuntimeException whatever the value's own {@code writeObject} throws, unchanged
     */
    public byte[] encode(String name, Object value) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, () -> "value of session attribute '" + name + "' is null");
        byte[] scalar = scalars.encode(value);
        if (scalar != null) {
            if (scalar.length > policy.maxBytesPerAttribute()) {
                throw new AttributeTooLargeException(name, scalar.length, policy.maxBytesPerAttribute());
            }
            return scalar;
        }
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
        List<AttributeClassRules.Refusal> refusals = out.refusals();
        if (!refusals.isEmpty()) {
            throw notAllowed(name, valueClass, refusals, sink.exceeded() ? null : sink.toByteArray());
        }
        if (sink.exceeded()) {
            throw new AttributeTooLargeException(name, sink.size(), policy.maxBytesPerAttribute());
        }
        return sink.toByteArray();
    }

    /**
     * Builds (and logs, once per refused class) the exception for a value whose stream names refused
     * classes. The writer saw every class descriptor; walking the bytes once with a recording filter
     * adds what only the reader sees: classes that {@code readResolve} returns.
     */
    private AttributeNotAllowedException notAllowed(String name, String valueClass,
            List<AttributeClassRules.Refusal> written, byte[] bytes) {
        Map<String, AttributeClassRules.Refusal> all = new LinkedHashMap<>();
        if (bytes != null) {
            for (String className : refusedWhenRead(bytes)) {
                all.put(className, new AttributeClassRules.Refusal(className, false,
                        "class " + className + " is not allowed"));
            }
        }
        for (AttributeClassRules.Refusal refusal : written) {
            all.putIfAbsent(refusal.className(), refusal);
        }
        List<String> allowable = new ArrayList<>();
        List<String> never = new ArrayList<>();
        for (AttributeClassRules.Refusal refusal : all.values()) {
            if (!refusal.neverAllowed() && isValidPattern(refusal.className())) {
                allowable.add(refusal.className());
            } else {
                never.add(refusal.message());
            }
        }
        List<String> parts = new ArrayList<>();
        if (allowable.size() == 1) {
            parts.add("class " + allowable.get(0) + " is not allowed");
        } else if (!allowable.isEmpty()) {
            parts.add("classes " + String.join(", ", allowable) + " are not allowed");
        }
        parts.addAll(never);
        String hint = null;
        if (!allowable.isEmpty()) {
            Set<String> patterns = new LinkedHashSet<>(policy.allowPatterns());
            patterns.addAll(allowable);
            hint = "To allow " + (never.isEmpty() ? (allowable.size() == 1 ? "it" : "them") : String.join(", ", allowable))
                    + ", set " + ALLOW_VARIABLE + "=" + String.join(",", patterns) + " (or the init-param attributes.allow)";
        }
        AttributeNotAllowedException e = new AttributeNotAllowedException(name, valueClass, String.join("; ", parts),
                List.copyOf(all.keySet()), hint);
        boolean unlogged = false;
        for (String className : all.keySet()) {
            unlogged |= loggedRefusals.add(className);
        }
        if (unlogged) {
            LOG.log(Level.WARNING, e.getMessage());
        }
        return e;
    }

    /**
     * Reads bytes this codec has just written from the app's own value, letting through and recording
     * every refused class a pattern could admit; stops early only at a class no pattern can admit.
     */
    private Set<String> refusedWhenRead(byte[] bytes) {
        AttributeStreamFilter filter = AttributeStreamFilter.recording(rules, policy,
                ObjectInputFilter.Config.getSerialFilter());
        try (AttributeObjectInputStream in =
                new AttributeObjectInputStream(new ByteArrayInputStream(bytes), appClassLoader, filter)) {
            in.readObject();
        } catch (IOException | ClassNotFoundException | RuntimeException e) {
            // A class that can never be allowed ends the walk; the writer's list covers the rest.
        }
        return filter.recorded();
    }

    private static boolean isValidPattern(String className) {
        try {
            AttributeClassPattern.parse(className);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
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
        Object scalar = scalars.decode(bytes);
        return scalar != null ? scalar : decodeFully(name, bytes);
    }

    private Object decodeFully(String name, byte[] bytes) {
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
