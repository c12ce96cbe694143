package io.github.sessionfilter.codec;

import java.util.List;
import java.util.Set;

/**
 * The JDK classes that may always appear in a stored attribute (plain value types and the standard
 * collections, including the serial forms and {@code readResolve} results the filter also sees),
 * and the JDK names that may never be allowed, not even by an explicit pattern.
 */
final class AttributeJdkTypes {

    private static final Set<String> ALLOWED = Set.of(
            // java.lang.Object only ever appears as the component type of Object[]: it is not Serializable.
            "java.lang.Object", "java.lang.String", "java.lang.Boolean", "java.lang.Character",
            "java.lang.Number", "java.lang.Byte", "java.lang.Short", "java.lang.Integer", "java.lang.Long",
            "java.lang.Float", "java.lang.Double",
            // Superclass of every enum; each enum class itself must still be allowed on its own.
            "java.lang.Enum",
            "java.lang.String$CaseInsensitiveComparator",
            "java.math.BigInteger", "java.math.BigDecimal",
            "java.util.ArrayList", "java.util.LinkedList", "java.util.HashMap", "java.util.LinkedHashMap",
            "java.util.TreeMap", "java.util.HashSet", "java.util.LinkedHashSet", "java.util.TreeSet",
            "java.util.ArrayDeque", "java.util.Vector", "java.util.Hashtable", "java.util.Arrays$ArrayList",
            // List.of/Set.of/Map.of: written as CollSer, its readResolve yields these.
            "java.util.CollSer", "java.util.ImmutableCollections$List12", "java.util.ImmutableCollections$ListN",
            "java.util.ImmutableCollections$Set12", "java.util.ImmutableCollections$SetN",
            "java.util.ImmutableCollections$Map1", "java.util.ImmutableCollections$MapN",
            // Comparators a TreeMap/TreeSet commonly carries.
            "java.util.Collections$ReverseComparator", "java.util.Collections$ReverseComparator2",
            "java.util.Comparators$NaturalOrderComparator",
            "java.util.Date", "java.util.Locale", "java.util.UUID", "java.util.Currency",
            // java.time values are written as java.time.Ser; its readResolve yields the value class.
            "java.time.Ser", "java.time.Duration", "java.time.Instant", "java.time.LocalDate",
            "java.time.LocalDateTime", "java.time.LocalTime", "java.time.MonthDay", "java.time.OffsetDateTime",
            "java.time.OffsetTime", "java.time.Period", "java.time.Year", "java.time.YearMonth",
            "java.time.ZonedDateTime", "java.time.ZoneId", "java.time.ZoneOffset", "java.time.ZoneRegion",
            "java.time.DayOfWeek", "java.time.Month",
            "java.sql.Date", "java.sql.Time", "java.sql.Timestamp");

    private static final List<String> ALLOWED_PREFIXES = List.of(
            "java.util.Collections$Unmodifiable", "java.util.Collections$Synchronized",
            "java.util.Collections$Empty", "java.util.Collections$Singleton");

    private static final List<String> NEVER_PREFIXES = List.of(
            "java.lang.reflect.", "java.lang.invoke.", "java.rmi.", "java.beans.",
            "javax.management.", "javax.naming.");

    private AttributeJdkTypes() {
    }

    /** Whether the JDK class with this name is one of the built-in value types. */
    static boolean isBuiltIn(String className) {
        if (ALLOWED.contains(className)) {
            return true;
        }
        for (String prefix : ALLOWED_PREFIXES) {
            if (className.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether no policy may allow this name: reflection and method handles (lambdas deserialize through
     * {@code java.lang.invoke.SerializedLambda}), RMI, JMX, JNDI, beans, and {@code java.net.URL}, whose
     * {@code hashCode} resolves host names.
     */
    static boolean isNeverAllowedName(String className) {
        if (className.equals("java.net.URL")) {
            return true;
        }
        for (String prefix : NEVER_PREFIXES) {
            if (className.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    /** Whether the class belongs to the Java runtime (boot or platform class loader). */
    static boolean isJdkClass(Class<?> type) {
        ClassLoader loader = type.getClassLoader();
        return loader == null || loader == ClassLoader.getPlatformClassLoader();
    }
}
