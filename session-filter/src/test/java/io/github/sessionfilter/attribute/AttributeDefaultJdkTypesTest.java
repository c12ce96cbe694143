package io.github.sessionfilter.attribute;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.Serializable;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.net.URI;
import java.text.ChoiceFormat;
import java.text.DateFormat;
import java.text.DateFormatSymbols;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.text.MessageFormat;
import java.text.NumberFormat;
import java.text.SimpleDateFormat;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.chrono.HijrahDate;
import java.time.chrono.JapaneseDate;
import java.time.chrono.JapaneseEra;
import java.time.chrono.MinguoDate;
import java.time.chrono.ThaiBuddhistDate;
import java.time.temporal.ChronoField;
import java.time.temporal.ChronoUnit;
import java.time.temporal.ValueRange;
import java.time.temporal.WeekFields;
import java.util.AbstractMap;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Calendar;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.Date;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.GregorianCalendar;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Properties;
import java.util.Random;
import java.util.Set;
import java.util.SimpleTimeZone;
import java.util.Stack;
import java.util.TimeZone;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.LinkedTransferQueue;
import java.util.concurrent.PriorityBlockingQueue;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The default allow-list covers the JDK data types real apps keep in sessions, including every
 * internal class their serial forms write: each value goes through the real {@link AttributeCodec}
 * with the DEFAULT policy (no allow patterns), so its bytes are walked by the real
 * {@code ObjectInputFilter} and any missing class fails the test.
 */
class AttributeDefaultJdkTypesTest {

    private static final ClassLoader APP_LOADER = AttributeDefaultJdkTypesTest.class.getClassLoader();

    private final AttributeCodec codec = new AttributeCodec(APP_LOADER, AttributePolicy.defaults());

    private Object roundTrip(Object value) {
        return codec.decode("attr", codec.encode("attr", value));
    }

    /** A value, and what about its copy shows that it came back whole (equals is not always defined). */
    private static Arguments value(String name, Object value, Function<Object, Object> state) {
        return Arguments.of(Named.of(name, value), state);
    }

    private static Arguments value(String name, Object value) {
        return value(name, value, Function.identity());
    }

    private static Function<Object, Object> asList() {
        return v -> new ArrayList<>((Collection<?>) v);
    }

    static Stream<Arguments> defaultJdkValues() {
        ConcurrentHashMap<String, Object> cart = new ConcurrentHashMap<>();
        cart.put("sku-1", 2);
        cart.put("sku-2", new BigDecimal("19.99"));
        cart.put("lines", new ArrayList<>(List.of("a", "b")));
        Set<String> keySet = ConcurrentHashMap.newKeySet();
        keySet.addAll(List.of("x", "y"));
        ConcurrentSkipListMap<String, Integer> skipList = new ConcurrentSkipListMap<>(Comparator.reverseOrder());
        skipList.putAll(Map.of("a", 1, "b", 2));
        TreeMap<String, Integer> reversed = new TreeMap<>(Comparator.reverseOrder());
        reversed.putAll(Map.of("a", 1, "b", 2, "c", 3));
        TreeMap<String, Integer> caseless = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        caseless.putAll(Map.of("B", 1, "a", 2));
        TreeMap<String, Integer> nullsFirst = new TreeMap<>(Comparator.nullsFirst(Comparator.<String>naturalOrder()));
        nullsFirst.put(null, 0);
        nullsFirst.put("a", 1);
        TreeMap<String, Integer> plain = new TreeMap<>(Map.of("a", 1, "b", 2, "c", 3, "d", 4));
        ArrayBlockingQueue<String> arrayQueue = new ArrayBlockingQueue<>(5);
        arrayQueue.addAll(List.of("a", "b"));
        PriorityQueue<String> caselessQueue = new PriorityQueue<>(String.CASE_INSENSITIVE_ORDER);
        caselessQueue.addAll(List.of("b", "C", "a"));
        EnumMap<TimeUnit, String> enumMap = new EnumMap<>(TimeUnit.class);
        enumMap.put(TimeUnit.SECONDS, "s");
        enumMap.put(TimeUnit.DAYS, "d");
        BitSet bits = new BitSet();
        bits.set(3);
        bits.set(200);
        IdentityHashMap<String, Integer> identity = new IdentityHashMap<>();
        identity.put("k", 1);
        Properties properties = new Properties();
        properties.setProperty("theme", "dark");
        Stack<String> stack = new Stack<>();
        stack.push("a");
        stack.push("b");
        LongAdder longAdder = new LongAdder();
        longAdder.add(41);
        longAdder.increment();
        DoubleAdder doubleAdder = new DoubleAdder();
        doubleAdder.add(1.5);
        Random random = new Random(42);
        random.nextInt();
        GregorianCalendar paris = new GregorianCalendar(TimeZone.getTimeZone("Europe/Paris"), Locale.FRANCE);
        paris.setTimeInMillis(1_700_000_000_000L);
        Calendar calendar = Calendar.getInstance();
        calendar.setTimeInMillis(1_700_000_000_000L);
        SimpleDateFormat dateFormat = new SimpleDateFormat("yyyy-MM-dd HH:mm zzz", Locale.GERMANY);
        dateFormat.setTimeZone(TimeZone.getTimeZone("America/New_York"));
        ReentrantLock lock = new ReentrantLock(true);
        List<String> checked = Collections.checkedList(new ArrayList<>(List.of("a")), String.class);

        return Stream.of(
                // java.util.concurrent
                value("ConcurrentHashMap with entries", cart),
                value("ConcurrentHashMap.newKeySet", keySet),
                value("ConcurrentSkipListMap reverse order", skipList, v -> new ArrayList<>(((Map<?, ?>) v).keySet())),
                value("ConcurrentSkipListSet", new ConcurrentSkipListSet<>(List.of("b", "a"))),
                value("CopyOnWriteArrayList", new CopyOnWriteArrayList<>(List.of("a", 1, 2L))),
                value("CopyOnWriteArraySet", new CopyOnWriteArraySet<>(List.of("a", "b"))),
                value("ConcurrentLinkedQueue", new ConcurrentLinkedQueue<>(List.of("a", "b")), asList()),
                value("ConcurrentLinkedDeque", new ConcurrentLinkedDeque<>(List.of("a", "b")), asList()),
                value("LinkedBlockingQueue", new LinkedBlockingQueue<>(List.of("a", "b")), asList()),
                value("LinkedBlockingDeque", new LinkedBlockingDeque<>(List.of("a", "b")), asList()),
                value("ArrayBlockingQueue", arrayQueue, v -> List.of(asList().apply(v),
                        ((ArrayBlockingQueue<?>) v).remainingCapacity())),
                value("PriorityBlockingQueue", new PriorityBlockingQueue<>(List.of(3, 1, 2)),
                        v -> ((PriorityBlockingQueue<?>) v).poll()),
                value("LinkedTransferQueue", new LinkedTransferQueue<>(List.of("a")), asList()),
                value("SynchronousQueue", new SynchronousQueue<>(true), v -> ((Collection<?>) v).size()),
                value("TimeUnit", TimeUnit.MINUTES),
                value("ReentrantLock", lock, v -> ((ReentrantLock) v).isFair() + " " + ((ReentrantLock) v).isLocked()),
                value("AtomicInteger", new AtomicInteger(7), v -> ((AtomicInteger) v).get()),
                value("AtomicLong", new AtomicLong(7), v -> ((AtomicLong) v).get()),
                value("AtomicBoolean", new AtomicBoolean(true), v -> ((AtomicBoolean) v).get()),
                value("AtomicReference", new AtomicReference<>(List.of("x")), v -> ((AtomicReference<?>) v).get()),
                value("AtomicIntegerArray", new AtomicIntegerArray(new int[] {1, 2}), String::valueOf),
                value("AtomicLongArray", new AtomicLongArray(new long[] {1, 2}), String::valueOf),
                value("AtomicReferenceArray", new AtomicReferenceArray<>(new Object[] {"a", 1}), String::valueOf),
                value("LongAdder", longAdder, v -> ((LongAdder) v).sum()),
                value("DoubleAdder", doubleAdder, v -> ((DoubleAdder) v).sum()),
                // java.util
                value("TreeMap reverseOrder", reversed, v -> new ArrayList<>(((Map<?, ?>) v).keySet())),
                value("TreeMap CASE_INSENSITIVE_ORDER", caseless, v -> List.of(new ArrayList<>(((Map<?, ?>) v).keySet()),
                        ((Map<?, ?>) v).containsKey("b"))),
                value("TreeMap nullsFirst", nullsFirst, v -> new ArrayList<>(((Map<?, ?>) v).keySet())),
                value("TreeMap.subMap", plain.subMap("b", "d"), v -> new ArrayList<>(((Map<?, ?>) v).keySet())),
                value("TreeMap.descendingMap", plain.descendingMap(), v -> new ArrayList<>(((Map<?, ?>) v).keySet())),
                value("TreeSet.descendingSet", new TreeSet<>(List.of("a", "b")).descendingSet(), asList()),
                value("PriorityQueue", new PriorityQueue<>(List.of(3, 1, 2)), v -> ((PriorityQueue<?>) v).poll()),
                value("PriorityQueue CASE_INSENSITIVE_ORDER", caselessQueue, v -> ((PriorityQueue<?>) v).poll()),
                value("EnumMap", enumMap),
                value("EnumSet", EnumSet.of(DayOfWeek.MONDAY, DayOfWeek.FRIDAY)),
                value("EnumSet of a large enum", EnumSet.allOf(ChronoField.class)),
                value("BitSet", bits),
                value("IdentityHashMap", identity, v -> new HashMap<>((Map<?, ?>) v)),
                value("Properties", properties),
                value("Stack", stack),
                value("AbstractMap.SimpleEntry", new AbstractMap.SimpleEntry<>("k", 1)),
                value("AbstractMap.SimpleImmutableEntry", new AbstractMap.SimpleImmutableEntry<>("k", 1)),
                value("Random", random, v -> ((Random) v).nextLong()),
                value("checkedList", checked),
                value("checkedMap", Collections.checkedMap(new HashMap<>(Map.of("k", 1)), String.class, Integer.class)),
                value("checkedNavigableSet", Collections.checkedNavigableSet(new TreeSet<>(Set.of("a")), String.class)),
                value("unmodifiableNavigableMap", Collections.unmodifiableNavigableMap(new TreeMap<>(Map.of("a", 1)))),
                value("unmodifiableSortedSet", Collections.unmodifiableSortedSet(new TreeSet<>(Set.of("a")))),
                value("synchronizedSortedMap", Collections.synchronizedSortedMap(new TreeMap<>(Map.of("a", 1)))),
                value("synchronizedSet", Collections.synchronizedSet(new java.util.HashSet<>(Set.of("a")))),
                value("emptySortedSet", Collections.emptySortedSet()),
                value("emptyNavigableMap", Collections.emptyNavigableMap()),
                value("singletonList", Collections.singletonList("a")),
                value("nCopies", Collections.nCopies(3, "a")),
                value("reverseOrder(CASE_INSENSITIVE_ORDER)", Collections.reverseOrder(String.CASE_INSENSITIVE_ORDER),
                        v -> ((Comparator<String>) v).compare("a", "B")),
                value("newSetFromMap", setFromMap()),
                value("asLifoQueue", Collections.asLifoQueue(new ArrayDeque<>(List.of("a", "b"))), asList()),
                value("Arrays.asList", Arrays.asList("a", "b")),
                value("List.of", List.of(1, 2, 3)),
                value("Date", new Date(5)),
                value("Calendar.getInstance()", calendar),
                value("GregorianCalendar Europe/Paris", paris, v -> ((Calendar) v).getTimeZone().getID() + " "
                        + ((Calendar) v).get(Calendar.HOUR_OF_DAY)),
                value("TimeZone", TimeZone.getTimeZone("America/New_York")),
                value("TimeZone GMT+05:30", TimeZone.getTimeZone("GMT+05:30")),
                value("SimpleTimeZone", new SimpleTimeZone(3_600_000, "Custom")),
                value("Locale with extension", Locale.forLanguageTag("de-DE-u-ca-gregory")),
                value("UUID", java.util.UUID.randomUUID()),
                value("Currency", java.util.Currency.getInstance("JPY")),
                // java.text
                value("SimpleDateFormat", dateFormat, v -> ((DateFormat) v).format(new Date(1_700_000_000_000L))),
                value("DateFormat.getDateTimeInstance", DateFormat.getDateTimeInstance(DateFormat.LONG, DateFormat.SHORT,
                        Locale.FRANCE), v -> ((DateFormat) v).format(new Date(1_700_000_000_000L))),
                value("DecimalFormat", new DecimalFormat("#,##0.00"), v -> ((NumberFormat) v).format(1234.5)),
                value("NumberFormat.getCurrencyInstance", NumberFormat.getCurrencyInstance(Locale.US),
                        v -> ((NumberFormat) v).format(1234.5)),
                value("NumberFormat.getCompactNumberInstance", NumberFormat.getCompactNumberInstance(),
                        v -> ((NumberFormat) v).format(12345)),
                value("DecimalFormatSymbols", DecimalFormatSymbols.getInstance(Locale.FRANCE)),
                value("DateFormatSymbols", DateFormatSymbols.getInstance(Locale.FRANCE)),
                value("ChoiceFormat", new ChoiceFormat("0#none|1#one|1<many"), v -> ((NumberFormat) v).format(2)),
                value("MessageFormat", new MessageFormat("{0,number,#.##} {1,date,short} {2,choice,0#no|1#one}",
                        Locale.US), v -> ((MessageFormat) v).format(new Object[] {1.234, new Date(0), 1})),
                value("DateFormat.Field", DateFormat.Field.YEAR),
                value("NumberFormat.Field", NumberFormat.Field.INTEGER),
                value("MessageFormat.Field", MessageFormat.Field.ARGUMENT),
                // java.math, java.net, java.lang
                value("MathContext", new MathContext(5, RoundingMode.HALF_EVEN)),
                value("RoundingMode", RoundingMode.CEILING),
                value("URI", URI.create("https://user@example.com:8443/a/b?c=d#e")),
                value("StringBuilder", new StringBuilder("abc"), String::valueOf),
                value("StringBuffer", new StringBuffer("abc"), String::valueOf),
                value("Character[]", new Character[] {'a', 'b'}, v -> Arrays.asList((Object[]) v)),
                value("Boolean", Boolean.TRUE),
                // java.time beyond the basics
                value("ZoneRules", ZoneId.of("Europe/Paris").getRules()),
                value("ZoneOffsetTransition", ZoneId.of("Europe/Paris").getRules().nextTransition(Instant.EPOCH)),
                value("ZoneOffsetTransitionRule", ZoneId.of("Europe/Paris").getRules().getTransitionRules().get(0)),
                value("JapaneseDate", JapaneseDate.of(2020, 1, 2)),
                value("JapaneseEra", JapaneseEra.HEISEI),
                value("HijrahDate", HijrahDate.from(LocalDate.of(2020, 1, 2))),
                value("MinguoDate", MinguoDate.of(100, 1, 2)),
                value("ThaiBuddhistDate", ThaiBuddhistDate.of(2560, 1, 2)),
                value("ChronoLocalDateTime", JapaneseDate.of(2020, 1, 2).atTime(LocalTime.NOON)),
                value("ChronoZonedDateTime", JapaneseDate.of(2020, 1, 2).atTime(LocalTime.NOON)
                        .atZone(ZoneId.of("Asia/Tokyo"))),
                value("ChronoPeriod", JapaneseDate.of(2020, 1, 2).getChronology().period(1, 2, 3)),
                value("ValueRange", ValueRange.of(1, 5)),
                value("WeekFields", WeekFields.of(Locale.US)),
                value("ChronoUnit", ChronoUnit.DAYS),
                value("ChronoField", ChronoField.YEAR),
                value("java.sql.Timestamp", new java.sql.Timestamp(1_700_000_000_123L)));
    }

    private static Set<String> setFromMap() {
        Set<String> set = Collections.newSetFromMap(new LinkedHashMap<>());
        set.addAll(List.of("a", "b"));
        return set;
    }

    @ParameterizedTest
    @MethodSource("defaultJdkValues")
    void defaultPolicy_roundTripsJdkDataType(Object value, Function<Object, Object> state) {
        Object copy = roundTrip(value);

        assertEquals(value.getClass(), copy.getClass());
        assertEquals(state.apply(value), state.apply(copy));
    }

    @Test
    void defaultPolicy_roundTripsAConcurrentHashMapCartThatDefaultsUsedToRefuse() {
        Map<String, Integer> cart = new ConcurrentHashMap<>(Map.of("sku-1", 1));

        Map<?, ?> copy = (Map<?, ?>) roundTrip(cart);

        assertInstanceOf(ConcurrentHashMap.class, copy);
        assertEquals(cart, copy);
    }

    @Test
    void defaultPolicy_calendarKeepsItsTimeZoneRules() {
        GregorianCalendar calendar = new GregorianCalendar(TimeZone.getTimeZone("Europe/Paris"));
        calendar.setTimeInMillis(1_700_000_000_000L);

        Calendar copy = (Calendar) roundTrip(calendar);

        assertEquals(calendar, copy);
        assertTrue(copy.getTimeZone().hasSameRules(TimeZone.getTimeZone("Europe/Paris")));
    }

    @Test
    void defaultPolicy_enumSetAndEnumMapComeBackAsWorkingCollections() {
        EnumSet<DayOfWeek> days = EnumSet.of(DayOfWeek.MONDAY);
        EnumSet<?> copy = (EnumSet<?>) roundTrip(days);

        assertEquals(days, copy);
        assertTrue(copy.contains(DayOfWeek.MONDAY));
        assertSame(DayOfWeek.MONDAY, copy.iterator().next());
    }

    @Test
    void everyBuiltInName_isARealSerializableJdkClass() throws ClassNotFoundException {
        for (String name : AttributeJdkTypes.builtInNames()) {
            Class<?> type = Class.forName(name, false, ClassLoader.getPlatformClassLoader());
            assertTrue(AttributeJdkTypes.isJdkClass(type), name);
            if (!name.equals("java.lang.Object")) {
                assertTrue(Serializable.class.isAssignableFrom(type), name + " is not Serializable");
            }
        }
    }

    @Test
    void theOnlyBuiltInOutsideJavaPackages_isZoneInfo() {
        assertEquals(Set.of("sun.util.calendar.ZoneInfo"), AttributeJdkTypes.builtInNames().stream()
                .filter(name -> !name.startsWith("java.")).collect(java.util.stream.Collectors.toSet()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"java.net.InetAddress", "java.net.Inet4Address", "java.net.Inet6Address",
        "java.net.URL", "java.security.SecureRandom", "java.io.File", "java.lang.Class", "java.lang.Thread",
        "java.lang.invoke.SerializedLambda", "java.lang.reflect.Proxy", "java.util.concurrent.atomic.LongAccumulator",
        "java.util.logging.Level", "sun.util.calendar.ZoneInfoFile", "sun.misc.Unsafe",
        "com.sun.org.apache.xalan.internal.xsltc.trax.TemplatesImpl", "javax.script.ScriptEngineManager",
        "javax.management.BadAttributeValueExpException", "java.beans.EventHandler", "java.rmi.MarshalledObject",
        "javax.naming.Reference", "java.util.concurrent.ThreadPoolExecutor", "java.security.SignedObject"})
    void defaultPolicy_stillRefusesTypesThatActOrReachOutsideTheirOwnState(String name) throws ClassNotFoundException {
        Class<?> type = Class.forName(name, false, ClassLoader.getPlatformClassLoader());

        assertFalse(AttributeJdkTypes.isBuiltIn(name), name);
        assertTrue(new AttributeClassRules(APP_LOADER, AttributePolicy.defaults()).rejection(type) != null, name);
    }

    @Test
    void zoneInfoException_doesNotLetAPatternAdmitOtherInternalClasses() {
        AttributePolicy wildcard = AttributePolicy.builder().allow("sun.util.calendar.*").build();
        AttributePolicy exact = AttributePolicy.builder().allow("sun.util.calendar.ZoneInfoFile").build();

        assertEquals("class sun.util.calendar.ZoneInfoFile is never allowed",
                new AttributeClassRules(APP_LOADER, wildcard).rejection(forName("sun.util.calendar.ZoneInfoFile")));
        assertEquals("class sun.util.calendar.ZoneInfoFile is never allowed",
                new AttributeClassRules(APP_LOADER, exact).rejection(forName("sun.util.calendar.ZoneInfoFile")));
    }

    private static Class<?> forName(String name) {
        try {
            return Class.forName(name, false, ClassLoader.getPlatformClassLoader());
        } catch (ClassNotFoundException e) {
            throw new AssertionError(e);
        }
    }
}
