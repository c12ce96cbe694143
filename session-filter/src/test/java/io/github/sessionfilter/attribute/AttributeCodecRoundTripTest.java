package io.github.sessionfilter.attribute;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.Month;
import java.time.MonthDay;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.Period;
import java.time.Year;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.Currency;
import java.util.Date;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Hashtable;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.LinkedList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.Vector;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Everything a legacy app commonly keeps in its session survives a trip through the default policy. */
class AttributeCodecRoundTripTest {

    private static final ClassLoader APP_LOADER = AttributeCodecRoundTripTest.class.getClassLoader();

    private final AttributeCodec codec = new AttributeCodec(APP_LOADER, AttributePolicy.defaults());

    enum Size { SMALL, LARGE { @Override public String toString() { return "large"; } } }

    private Object roundTrip(Object value) {
        return codec.decode("attr", codec.encode("attr", value));
    }

    static Stream<Named<Object>> jdkValues() {
        Map<String, Object> nested = new HashMap<>();
        nested.put("list", new ArrayList<>(List.of(1, 2L, "three", List.of(4.0, Map.of("five", 5)))));
        nested.put("set", new TreeSet<>(Set.of("b", "a")));
        nested.put("array", new int[][] {{1}, {2, 3}});
        return Stream.of(
                Named.of("String", "héllo wörld"), Named.of("Integer", 42), Named.of("Long", 42L),
                Named.of("Short", (short) 4), Named.of("Byte", (byte) 2), Named.of("Character", 'ç'),
                Named.of("Boolean", true), Named.of("Float", 1.5f), Named.of("Double", 2.25d),
                Named.of("BigInteger", new BigInteger("123456789012345678901234567890")),
                Named.of("BigDecimal", new BigDecimal("-12345.678901234567890")),
                Named.of("ArrayList", new ArrayList<>(List.of("a", "b"))),
                Named.of("LinkedList", new LinkedList<>(List.of("a", "b"))),
                Named.of("HashMap", new HashMap<>(Map.of("k", "v", "n", 1))),
                Named.of("LinkedHashMap", new LinkedHashMap<>(Map.of("k", "v"))),
                Named.of("TreeMap", new TreeMap<>(Map.of("b", 2, "a", 1))),
                Named.of("HashSet", new HashSet<>(Set.of(1, 2, 3))),
                Named.of("LinkedHashSet", new LinkedHashSet<>(List.of(3, 1, 2))),
                Named.of("Vector", new Vector<>(List.of(1, 2))),
                Named.of("Hashtable", new Hashtable<>(Map.of("k", "v"))),
                Named.of("Arrays.asList", Arrays.asList("x", "y")),
                Named.of("Arrays.asList mixed", Arrays.asList("x", 1, null)),
                Named.of("List.of()", List.of()), Named.of("List.of(1)", List.of(1)),
                Named.of("List.of(1, 2, 3)", List.of(1, 2, 3)), Named.of("Set.of(a, b)", Set.of("a", "b")),
                Named.of("Set.of(...)", Set.of(1, 2, 3, 4)), Named.of("Map.of(k, v)", Map.of("k", "v")),
                Named.of("Map.of(...)", Map.of("a", 1, "b", 2, "c", 3)),
                Named.of("Collectors.toUnmodifiableList", Stream.of("a", "b").collect(Collectors.toUnmodifiableList())),
                Named.of("unmodifiableList", Collections.unmodifiableList(new ArrayList<>(List.of(1)))),
                Named.of("unmodifiableMap", Collections.unmodifiableMap(new HashMap<>(Map.of(1, 2)))),
                Named.of("unmodifiableSet", Collections.unmodifiableSet(new HashSet<>(Set.of(1)))),
                Named.of("synchronizedList", Collections.synchronizedList(new ArrayList<>(List.of(1)))),
                Named.of("synchronizedMap", Collections.synchronizedMap(new HashMap<>(Map.of(1, 2)))),
                Named.of("emptyList", Collections.emptyList()), Named.of("emptyMap", Collections.emptyMap()),
                Named.of("emptySet", Collections.emptySet()), Named.of("singletonList", Collections.singletonList(1)),
                Named.of("singleton", Collections.singleton(1)), Named.of("singletonMap", Collections.singletonMap(1, 2)),
                Named.of("Date", new Date(1_700_000_000_000L)), Named.of("Locale", Locale.forLanguageTag("fr-CA")),
                Named.of("UUID", UUID.fromString("123e4567-e89b-12d3-a456-426614174000")),
                Named.of("Currency", Currency.getInstance("EUR")),
                Named.of("Instant", Instant.parse("2024-05-06T07:08:09.123456789Z")),
                Named.of("LocalDate", LocalDate.of(2024, 2, 29)), Named.of("LocalTime", LocalTime.of(23, 59, 1)),
                Named.of("LocalDateTime", LocalDateTime.of(2024, 2, 29, 23, 59)),
                Named.of("ZonedDateTime", ZonedDateTime.of(2024, 3, 31, 2, 30, 0, 0, ZoneId.of("Europe/Paris"))),
                Named.of("OffsetDateTime", OffsetDateTime.of(2024, 1, 1, 0, 0, 0, 0, ZoneOffset.ofHours(-5))),
                Named.of("OffsetTime", OffsetTime.of(1, 2, 3, 4, ZoneOffset.UTC)),
                Named.of("Duration", Duration.ofMillis(1234)), Named.of("Period", Period.of(1, 2, 3)),
                Named.of("Year", Year.of(1999)), Named.of("YearMonth", YearMonth.of(2000, 2)),
                Named.of("MonthDay", MonthDay.of(12, 24)), Named.of("ZoneId", ZoneId.of("America/New_York")),
                Named.of("ZoneOffset", ZoneOffset.ofHoursMinutes(5, 30)), Named.of("DayOfWeek", DayOfWeek.FRIDAY),
                Named.of("Month", Month.MARCH), Named.of("java.sql.Date", java.sql.Date.valueOf("2024-01-02")),
                Named.of("java.sql.Time", java.sql.Time.valueOf("10:11:12")),
                Named.of("java.sql.Timestamp", java.sql.Timestamp.valueOf("2024-01-02 10:11:12.123456789")),
                Named.of("nested collections", nested));
    }

    @ParameterizedTest
    @MethodSource("jdkValues")
    void decode_ofEncodedJdkValue_equalsOriginal(Object value) {
        Object copy = roundTrip(value);

        assertEquals(value.getClass(), copy.getClass());
        if (value instanceof Map && ((Map<?, ?>) value).containsKey("array")) {
            Map<?, ?> map = (Map<?, ?>) copy;
            assertArrayEquals((int[][]) ((Map<?, ?>) value).get("array"), (int[][]) map.get("array"));
            assertEquals(((Map<?, ?>) value).get("list"), map.get("list"));
            assertEquals(((Map<?, ?>) value).get("set"), map.get("set"));
        } else {
            assertEquals(value, copy);
        }
    }

    @Test
    void decode_keepsInsertionOrderOfLinkedCollections() {
        LinkedHashMap<String, Integer> map = new LinkedHashMap<>();
        map.put("z", 1);
        map.put("a", 2);
        map.put("m", 3);

        assertEquals(List.of("z", "a", "m"), new ArrayList<>(((Map<?, ?>) roundTrip(map)).keySet()));
    }

    @Test
    void decode_keepsTreeComparators() {
        TreeMap<String, Integer> reversed = new TreeMap<>(Collections.reverseOrder());
        reversed.putAll(Map.of("a", 1, "b", 2));
        TreeSet<String> caseless = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        caseless.addAll(List.of("B", "a"));
        TreeMap<String, Integer> natural = new TreeMap<>(Comparator.<String>naturalOrder().reversed());
        natural.putAll(Map.of("a", 1, "b", 2));

        assertEquals(List.of("b", "a"), new ArrayList<>(((TreeMap<?, ?>) roundTrip(reversed)).keySet()));
        assertEquals(List.of("a", "B"), new ArrayList<>((TreeSet<?>) roundTrip(caseless)));
        assertEquals(List.of("b", "a"), new ArrayList<>(((TreeMap<?, ?>) roundTrip(natural)).keySet()));
    }

    @Test
    void decode_ofArrayDeque_keepsElementOrder() {
        ArrayDeque<Integer> deque = new ArrayDeque<>(List.of(3, 1, 2));

        assertEquals(List.of(3, 1, 2), new ArrayList<>((ArrayDeque<?>) roundTrip(deque)));
    }

    @Test
    void decode_ofArrays_equalsOriginal() {
        assertArrayEquals(new byte[] {1, 2, 3}, (byte[]) roundTrip(new byte[] {1, 2, 3}));
        assertArrayEquals(new String[][] {{"a"}, {"b", null}}, (String[][]) roundTrip(new String[][] {{"a"}, {"b", null}}));
        assertArrayEquals(new Object[] {1, "x", List.of(2)}, (Object[]) roundTrip(new Object[] {1, "x", List.of(2)}));
    }

    @Test
    void decode_keepsSharedReferencesShared() {
        List<String> shared = new ArrayList<>(List.of("x"));
        List<List<String>> twice = new ArrayList<>(List.of(shared, shared));

        List<?> copy = (List<?>) roundTrip(twice);

        assertSame(copy.get(0), copy.get(1));
    }

    @Test
    void decode_ofEnumFromAllowedPackage_returnsSameConstant() {
        AttributeCodec allowing = new AttributeCodec(APP_LOADER,
                AttributePolicy.builder().allow("io.github.sessionfilter.attribute.*").build());

        assertSame(Size.SMALL, allowing.decode("size", allowing.encode("size", Size.SMALL)));
        assertSame(Size.LARGE, allowing.decode("size", allowing.encode("size", Size.LARGE)));
        assertEquals(List.of(Size.LARGE, Size.SMALL),
                allowing.decode("sizes", allowing.encode("sizes", new ArrayList<>(List.of(Size.LARGE, Size.SMALL)))));
    }

    @Test
    void decode_ofEnumOutsideAllowList_isRejected() {
        AttributeCodec allowing = new AttributeCodec(APP_LOADER,
                AttributePolicy.builder().allow("io.github.sessionfilter.attribute.*").build());
        byte[] bytes = allowing.encode("size", Size.SMALL);

        AttributeDecodeException e = assertThrows(AttributeDecodeException.class, () -> codec.decode("size", bytes));

        assertEquals(AttributeDecodeException.Reason.NOT_ALLOWED, e.reason());
        assertEquals("session attribute 'size' cannot be read: class " + Size.class.getName() + " is not allowed",
                e.getMessage());
    }

    @Test
    void decode_ofLargeValueJustUnderDefaultLimit_equalsOriginal() {
        List<String> big = IntStream.range(0, 20_000).mapToObj(i -> "item-" + i).collect(Collectors.toList());

        assertEquals(big, roundTrip(new ArrayList<>(big)));
    }

    @Test
    void codec_isUsableFromManyThreadsAtOnce() {
        List<Integer> results = IntStream.range(0, 200).parallel()
                .mapToObj(i -> (Integer) codec.decode("n" + i, codec.encode("n" + i, i)))
                .collect(Collectors.toList());

        assertEquals(IntStream.range(0, 200).boxed().collect(Collectors.toList()), results);
    }
}
