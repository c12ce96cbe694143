package io.github.sessionfilter.attribute;

import java.util.List;
import java.util.Set;

/**
 * The JDK classes that may always appear in a stored attribute, and the JDK names that may never be
 * allowed, not even by an explicit pattern.
 *
 * <p>Allowed are classes that only carry data: deserializing one restores its own fields (and
 * validates them) and calls nothing but {@code hashCode}, {@code equals} or {@code compareTo} of
 * other objects in the same stream, each of which the filter vets on its own. The list includes
 * every class the serial forms of these types write (superclasses, inner classes such as
 * {@code ConcurrentHashMap$Segment} and the lock it extends, serialization proxies such as
 * {@code java.time.Ser}) and every class their {@code readResolve} returns, because the
 * {@link java.io.ObjectInputFilter} sees all of them. {@code AttributeDefaultJdkTypesTest} proves
 * each one by a round trip through the real filter. docs/SECURITY.md explains the choices.
 */
final class AttributeJdkTypes {

    private static final Set<String> ALLOWED = Set.of(
            // java.lang.Object only ever appears as the component type of Object[]: it is not Serializable.
            "java.lang.Object", "java.lang.String", "java.lang.Boolean", "java.lang.Character",
            "java.lang.Number", "java.lang.Byte", "java.lang.Short", "java.lang.Integer", "java.lang.Long",
            "java.lang.Float", "java.lang.Double", "java.lang.StringBuilder", "java.lang.StringBuffer",
            // Superclass of every enum; each enum class itself must still be allowed on its own.
            "java.lang.Enum",
            "java.lang.String$CaseInsensitiveComparator",
            "java.math.BigInteger", "java.math.BigDecimal", "java.math.MathContext", "java.math.RoundingMode",

            // java.util collections and maps.
            "java.util.ArrayList", "java.util.LinkedList", "java.util.HashMap", "java.util.LinkedHashMap",
            "java.util.TreeMap", "java.util.HashSet", "java.util.LinkedHashSet", "java.util.TreeSet",
            "java.util.ArrayDeque", "java.util.Vector", "java.util.Stack", "java.util.Hashtable",
            "java.util.Properties", "java.util.IdentityHashMap", "java.util.PriorityQueue", "java.util.BitSet",
            "java.util.Arrays$ArrayList", "java.util.AbstractMap$SimpleEntry",
            "java.util.AbstractMap$SimpleImmutableEntry",
            // subMap/headMap/tailMap/descendingMap views of a TreeMap (and so TreeSet.descendingSet()).
            "java.util.TreeMap$NavigableSubMap", "java.util.TreeMap$AscendingSubMap",
            "java.util.TreeMap$DescendingSubMap",
            // EnumMap writes its key type; EnumSet is written as a proxy whose readResolve yields one of these.
            "java.util.EnumMap", "java.util.EnumSet", "java.util.EnumSet$SerializationProxy",
            "java.util.RegularEnumSet", "java.util.JumboEnumSet",
            // List.of/Set.of/Map.of: written as CollSer, its readResolve yields these.
            "java.util.CollSer", "java.util.ImmutableCollections$List12", "java.util.ImmutableCollections$ListN",
            "java.util.ImmutableCollections$Set12", "java.util.ImmutableCollections$SetN",
            "java.util.ImmutableCollections$Map1", "java.util.ImmutableCollections$MapN",
            // Collections.nCopies, newSetFromMap, asLifoQueue (the other Collections$ forms are prefixes below).
            "java.util.Collections$CopiesList", "java.util.Collections$SetFromMap",
            "java.util.Collections$AsLIFOQueue",
            // Comparators a sorted collection commonly carries; one that wraps another carries it in the
            // stream, where it is vetted on its own.
            "java.util.Collections$ReverseComparator", "java.util.Collections$ReverseComparator2",
            "java.util.Comparators$NaturalOrderComparator", "java.util.Comparators$NullComparator",

            // java.util.concurrent collections and maps, and the lock classes their serial forms contain
            // (ConcurrentHashMap writes Segment objects that extend ReentrantLock; the blocking queues write
            // their ReentrantLock and its Conditions). readObject of a lock only resets it to unlocked.
            "java.util.concurrent.ConcurrentHashMap", "java.util.concurrent.ConcurrentHashMap$Segment",
            "java.util.concurrent.ConcurrentHashMap$CollectionView",
            "java.util.concurrent.ConcurrentHashMap$KeySetView",
            "java.util.concurrent.ConcurrentSkipListMap", "java.util.concurrent.ConcurrentSkipListSet",
            "java.util.concurrent.CopyOnWriteArrayList", "java.util.concurrent.CopyOnWriteArraySet",
            "java.util.concurrent.ConcurrentLinkedQueue", "java.util.concurrent.ConcurrentLinkedDeque",
            "java.util.concurrent.LinkedBlockingQueue", "java.util.concurrent.LinkedBlockingDeque",
            "java.util.concurrent.ArrayBlockingQueue", "java.util.concurrent.PriorityBlockingQueue",
            "java.util.concurrent.LinkedTransferQueue", "java.util.concurrent.SynchronousQueue",
            "java.util.concurrent.SynchronousQueue$WaitQueue", "java.util.concurrent.SynchronousQueue$LifoWaitQueue",
            "java.util.concurrent.SynchronousQueue$FifoWaitQueue",
            "java.util.concurrent.TimeUnit",
            "java.util.concurrent.locks.ReentrantLock", "java.util.concurrent.locks.ReentrantLock$Sync",
            "java.util.concurrent.locks.ReentrantLock$NonfairSync", "java.util.concurrent.locks.ReentrantLock$FairSync",
            "java.util.concurrent.locks.AbstractQueuedSynchronizer",
            "java.util.concurrent.locks.AbstractQueuedSynchronizer$ConditionObject",
            "java.util.concurrent.locks.AbstractOwnableSynchronizer",
            // Atomics; the adders are written as a proxy whose readResolve yields the adder.
            "java.util.concurrent.atomic.AtomicBoolean", "java.util.concurrent.atomic.AtomicInteger",
            "java.util.concurrent.atomic.AtomicLong", "java.util.concurrent.atomic.AtomicReference",
            "java.util.concurrent.atomic.AtomicIntegerArray", "java.util.concurrent.atomic.AtomicLongArray",
            "java.util.concurrent.atomic.AtomicReferenceArray",
            "java.util.concurrent.atomic.LongAdder", "java.util.concurrent.atomic.LongAdder$SerializationProxy",
            "java.util.concurrent.atomic.DoubleAdder", "java.util.concurrent.atomic.DoubleAdder$SerializationProxy",

            // Other java.util values.
            "java.util.Date", "java.util.Locale", "java.util.UUID", "java.util.Currency", "java.util.Random",
            // A Calendar writes its TimeZone as a SimpleTimeZone and then the JDK's ZoneInfo, which
            // TimeZone.getTimeZone and TimeZone.getDefault return: the only class outside java.* allowed.
            "java.util.Calendar", "java.util.GregorianCalendar", "java.util.TimeZone", "java.util.SimpleTimeZone",
            "sun.util.calendar.ZoneInfo",

            // java.time values are written as java.time.Ser (java.time.zone.Ser, java.time.chrono.Ser);
            // its readResolve yields the value class.
            "java.time.Ser", "java.time.Duration", "java.time.Instant", "java.time.LocalDate",
            "java.time.LocalDateTime", "java.time.LocalTime", "java.time.MonthDay", "java.time.OffsetDateTime",
            "java.time.OffsetTime", "java.time.Period", "java.time.Year", "java.time.YearMonth",
            "java.time.ZonedDateTime", "java.time.ZoneId", "java.time.ZoneOffset", "java.time.ZoneRegion",
            "java.time.DayOfWeek", "java.time.Month",
            "java.time.zone.Ser", "java.time.zone.ZoneRules", "java.time.zone.ZoneOffsetTransition",
            "java.time.zone.ZoneOffsetTransitionRule",
            "java.time.temporal.ValueRange", "java.time.temporal.WeekFields", "java.time.temporal.ChronoUnit",
            "java.time.temporal.ChronoField",
            "java.time.chrono.Ser", "java.time.chrono.IsoChronology", "java.time.chrono.HijrahChronology",
            "java.time.chrono.JapaneseChronology", "java.time.chrono.MinguoChronology",
            "java.time.chrono.ThaiBuddhistChronology", "java.time.chrono.HijrahDate", "java.time.chrono.JapaneseDate",
            "java.time.chrono.MinguoDate", "java.time.chrono.ThaiBuddhistDate", "java.time.chrono.JapaneseEra",
            "java.time.chrono.HijrahEra", "java.time.chrono.MinguoEra", "java.time.chrono.ThaiBuddhistEra",
            "java.time.chrono.IsoEra", "java.time.chrono.ChronoPeriodImpl",
            "java.time.chrono.ChronoLocalDateTimeImpl", "java.time.chrono.ChronoZonedDateTimeImpl",

            // java.text formats and what they contain (a SimpleDateFormat holds a GregorianCalendar, a
            // DecimalFormat, DateFormatSymbols and a Locale). Field constants readResolve to the JDK's own.
            "java.text.Format", "java.text.DateFormat", "java.text.SimpleDateFormat", "java.text.NumberFormat",
            "java.text.DecimalFormat", "java.text.CompactNumberFormat", "java.text.ChoiceFormat",
            "java.text.MessageFormat", "java.text.DecimalFormatSymbols", "java.text.DateFormatSymbols",
            "java.text.AttributedCharacterIterator$Attribute", "java.text.Format$Field", "java.text.DateFormat$Field",
            "java.text.NumberFormat$Field", "java.text.MessageFormat$Field",

            // URI only parses its string; URL (whose hashCode resolves host names) and InetAddress (a
            // network identity; Inet6Address looks up network interfaces when read) are not here.
            "java.net.URI",
            "java.sql.Date", "java.sql.Time", "java.sql.Timestamp");

    private static final List<String> ALLOWED_PREFIXES = List.of(
            "java.util.Collections$Unmodifiable", "java.util.Collections$Synchronized",
            "java.util.Collections$Checked", "java.util.Collections$Empty", "java.util.Collections$Singleton");

    private static final List<String> NEVER_PREFIXES = List.of(
            "java.lang.reflect.", "java.lang.invoke.", "java.rmi.", "java.beans.",
            "javax.management.", "javax.naming.");

    private AttributeJdkTypes() {
    }

    /** The exact built-in names (the prefixes aside), for tests and documentation. */
    static Set<String> builtInNames() {
        return ALLOWED;
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
