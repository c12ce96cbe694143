package io.github.sessionfilter.attribute;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;

/**
 * Which classes a stored session attribute may contain, and how big it may get. Immutable; build one
 * with {@link #builder()} or take {@link #defaults()}. Every problem found by {@link Builder#build()}
 * is reported in one {@link IllegalArgumentException}.
 *
 * <p>A class is allowed when it is
 * <ul>
 *   <li>one of the built-in JDK data types: classes whose deserialization only restores their own
 *       state: {@code String}, the boxed primitives and {@code Number}, {@code StringBuilder},
 *       {@code StringBuffer}, {@code java.math}, every serializable {@code java.util} and
 *       {@code java.util.concurrent} collection and map (including {@code ConcurrentHashMap},
 *       {@code CopyOnWriteArrayList}, the blocking queues, {@code PriorityQueue}, {@code EnumMap},
 *       {@code EnumSet}, {@code BitSet}, the {@code Collections} wrappers and
 *       {@code List.of/Set.of/Map.of}), the common comparators, the atomics and adders,
 *       {@code Random}, {@code Date}, {@code Calendar}, {@code TimeZone}, {@code Locale}, {@code UUID},
 *       {@code Currency}, the {@code java.time} values, zone rules and chronologies, the
 *       {@code java.text} formats, {@code java.sql.Date/Time/Timestamp} and {@code java.net.URI}, plus
 *       the internal classes their serial forms write (the locks inside {@code ConcurrentHashMap},
 *       {@code sun.util.calendar.ZoneInfo} inside a {@code Calendar}); docs/SECURITY.md has the list
 *       and the reasoning; or</li>
 *   <li>matched by an allow pattern: {@code com.example.Cart} (that class), {@code com.example.*} (that
 *       package), {@code com.example.**} (that package and its subpackages). Wildcards never match JDK
 *       classes; a JDK class outside the built-ins must be named exactly and be in a {@code java.*}
 *       package; or</li>
 *   <li>with {@link #allowAppClasses()}, one of the web app's own classes: defined by the app class
 *       loader from a {@code /WEB-INF/classes/} directory. Classes from jars in {@code WEB-INF/lib}
 *       are not app classes: that is where deserialization gadget chains live.</li>
 * </ul>
 * Enums follow the same rule as any class. Arrays are judged by their element type; arrays of
 * primitives are always allowed. Dynamic proxies, reflection, method handles (and so serialized
 * lambdas), RMI, JMX, JNDI, {@code java.beans} and {@code java.net.URL} are never allowed, and
 * neither is any JDK class outside {@code java.*} beyond the built-ins.
 *
 * <p>A value with refused classes fails at encode with one {@link AttributeNotAllowedException}
 * naming all of them and the {@code SESSION_ATTRIBUTES_ALLOW} line (these patterns plus the refused
 * classes) that would allow them.
 */
public final class AttributePolicy {

    /** Default {@link #maxBytesPerAttribute()}: 1 MiB. */
    public static final int DEFAULT_MAX_BYTES_PER_ATTRIBUTE = 1 << 20;
    /**
     * Default {@link #maxDepth()}: deep enough for real object graphs (a cart, its items, their products
     * and categories), shallow enough that nested hash collections, whose decoding time doubles with
     * every level (SerialDOS), stay in milliseconds.
     */
    public static final int DEFAULT_MAX_DEPTH = 20;
    /** Default {@link #maxReferences()}. */
    public static final int DEFAULT_MAX_REFERENCES = 100_000;
    /** Default {@link #maxArrayLength()}. */
    public static final int DEFAULT_MAX_ARRAY_LENGTH = 1_000_000;

    private static final AttributePolicy DEFAULTS = builder().build();

    private final List<String> allowPatterns;
    private final List<AttributeClassPattern> patterns;
    private final boolean allowAppClasses;
    private final int maxBytesPerAttribute;
    private final int maxDepth;
    private final int maxReferences;
    private final int maxArrayLength;

    private AttributePolicy(Builder b, List<AttributeClassPattern> patterns) {
        this.allowPatterns = List.copyOf(b.allowPatterns);
        this.patterns = List.copyOf(patterns);
        this.allowAppClasses = b.allowAppClasses;
        this.maxBytesPerAttribute = b.maxBytesPerAttribute;
        this.maxDepth = b.maxDepth;
        this.maxReferences = b.maxReferences;
        this.maxArrayLength = b.maxArrayLength;
    }

    /** No allow patterns, app classes allowed, default limits. */
    public static AttributePolicy defaults() {
        return DEFAULTS;
    }

    /** A builder starting from the {@link #defaults()}. */
    public static Builder builder() {
        return new Builder();
    }

    /** The allow patterns, as given. */
    public List<String> allowPatterns() {
        return allowPatterns;
    }

    /** Whether the web app's own classes (from {@code /WEB-INF/classes/}) are allowed. */
    public boolean allowAppClasses() {
        return allowAppClasses;
    }

    /** Largest encoded attribute, in bytes, accepted by encode and decode. */
    public int maxBytesPerAttribute() {
        return maxBytesPerAttribute;
    }

    /** Deepest object nesting accepted on decode. */
    public int maxDepth() {
        return maxDepth;
    }

    /** Most object references (objects, class descriptors, back references) accepted on decode. */
    public int maxReferences() {
        return maxReferences;
    }

    /** Longest array accepted on decode, including the backing arrays of collections. */
    public int maxArrayLength() {
        return maxArrayLength;
    }

    List<AttributeClassPattern> patterns() {
        return patterns;
    }

    @Override
    public String toString() {
        return "AttributePolicy[allowPatterns=" + allowPatterns + ", allowAppClasses=" + allowAppClasses
                + ", maxBytesPerAttribute=" + maxBytesPerAttribute + ", maxDepth=" + maxDepth
                + ", maxReferences=" + maxReferences + ", maxArrayLength=" + maxArrayLength + "]";
    }

    /** Collects settings for an {@link AttributePolicy}; not thread-safe, validated by {@link #build()}. */
    public static final class Builder {
        private final List<String> allowPatterns = new ArrayList<>();
        private boolean allowAppClasses = true;
        private int maxBytesPerAttribute = DEFAULT_MAX_BYTES_PER_ATTRIBUTE;
        private int maxDepth = DEFAULT_MAX_DEPTH;
        private int maxReferences = DEFAULT_MAX_REFERENCES;
        private int maxArrayLength = DEFAULT_MAX_ARRAY_LENGTH;

        private Builder() {
        }

        /** Adds allow patterns. */
        public Builder allow(String... patterns) {
            return allowPatterns(Arrays.asList(patterns));
        }

        /** Adds allow patterns. */
        public Builder allowPatterns(Collection<String> patterns) {
            allowPatterns.addAll(patterns);
            return this;
        }

        /** Whether the web app's own classes are allowed (default {@code true}). */
        public Builder allowAppClasses(boolean allow) {
            this.allowAppClasses = allow;
            return this;
        }

        /** Default 1 MiB. */
        public Builder maxBytesPerAttribute(int max) {
            this.maxBytesPerAttribute = max;
            return this;
        }

        /** Default 100. */
        public Builder maxDepth(int max) {
            this.maxDepth = max;
            return this;
        }

        /** Default 100 000. */
        public Builder maxReferences(int max) {
            this.maxReferences = max;
            return this;
        }

        /** Default 1 000 000. */
        public Builder maxArrayLength(int max) {
            this.maxArrayLength = max;
            return this;
        }

        /**
         * Validates everything and builds the policy.
         *
         * @throws IllegalArgumentException listing every invalid pattern and limit
         */
        public AttributePolicy build() {
            List<String> problems = new ArrayList<>();
            List<AttributeClassPattern> parsed = new ArrayList<>();
            for (String pattern : allowPatterns) {
                try {
                    parsed.add(AttributeClassPattern.parse(pattern));
                } catch (IllegalArgumentException e) {
                    problems.add(e.getMessage());
                }
            }
            requirePositive("maxBytesPerAttribute", maxBytesPerAttribute, problems);
            requirePositive("maxDepth", maxDepth, problems);
            requirePositive("maxReferences", maxReferences, problems);
            requirePositive("maxArrayLength", maxArrayLength, problems);
            if (!problems.isEmpty()) {
                throw new IllegalArgumentException("invalid attribute policy: " + String.join("; ", problems));
            }
            return new AttributePolicy(this, parsed);
        }

        private static void requirePositive(String name, int value, List<String> problems) {
            if (value <= 0) {
                problems.add(name + " must be positive, was " + value);
            }
        }
    }
}
