package io.github.sessionfilter.attribute;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.ObjectInputFilter;
import java.io.ObjectInputFilter.Status;
import java.io.Serializable;
import java.lang.reflect.Proxy;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The class rules and limits as the JDK sees them: one {@code checkInput} call at a time. */
class AttributeStreamFilterTest {

    private static final ClassLoader TEST_LOADER = AttributeStreamFilterTest.class.getClassLoader();

    record Info(Class<?> serialClass, long arrayLength, long depth, long references, long streamBytes)
            implements ObjectInputFilter.FilterInfo {
    }

    enum Colour { RED }

    static class Outsider implements Serializable {
        private static final long serialVersionUID = 1L;
    }

    interface PackagePrivateInterface {
    }

    private static AttributeStreamFilter filter(AttributePolicy policy) {
        return filter(policy, null);
    }

    private static AttributeStreamFilter filter(AttributePolicy policy, ObjectInputFilter jvmWide) {
        return new AttributeStreamFilter(new AttributeClassRules(TEST_LOADER, policy), policy, jvmWide);
    }

    private static Status check(AttributePolicy policy, Class<?> type) {
        return filter(policy).checkInput(new Info(type, -1, 1, 1, 10));
    }

    static Stream<Class<?>> builtInValueTypes() {
        return Stream.of(String.class, Integer.class, Long.class, Short.class, Byte.class, Character.class,
                Boolean.class, Float.class, Double.class, Number.class, Enum.class, BigInteger.class,
                BigDecimal.class, ArrayList.class, HashMap.class, TreeMap.class, java.util.LinkedList.class,
                java.util.LinkedHashMap.class, java.util.HashSet.class, java.util.LinkedHashSet.class,
                java.util.TreeSet.class, java.util.ArrayDeque.class, java.util.Vector.class,
                java.util.Hashtable.class, Arrays.asList(1).getClass(), List.of(1).getClass(),
                List.of(1, 2, 3).getClass(), Set.of(1).getClass(), Set.of(1, 2, 3).getClass(),
                Map.of(1, 1).getClass(), Map.of(1, 1, 2, 2).getClass(),
                Collections.unmodifiableList(new ArrayList<>()).getClass(),
                Collections.unmodifiableMap(new HashMap<>()).getClass(),
                Collections.synchronizedList(new ArrayList<>()).getClass(),
                Collections.emptyList().getClass(), Collections.singletonMap(1, 1).getClass(),
                Collections.reverseOrder().getClass(), Comparator.naturalOrder().getClass(),
                String.CASE_INSENSITIVE_ORDER.getClass(), java.util.Date.class, java.util.Locale.class,
                java.util.UUID.class, java.util.Currency.class, LocalDate.class, java.time.Instant.class,
                java.time.ZoneId.of("Europe/Paris").getClass(), DayOfWeek.class, java.sql.Timestamp.class,
                java.sql.Date.class, java.sql.Time.class, int[].class, byte[][].class, String[].class,
                Object[].class, Integer[][].class);
    }

    @ParameterizedTest
    @MethodSource("builtInValueTypes")
    void builtInJdkValueType_isAllowedByDefault(Class<?> type) {
        assertEquals(Status.ALLOWED, check(AttributePolicy.defaults(), type));
    }

    @ParameterizedTest
    @ValueSource(strings = {"java.net.URL", "java.net.InetAddress", "java.security.SecureRandom",
        "java.lang.invoke.SerializedLambda", "java.lang.reflect.Method", "java.rmi.MarshalledObject",
        "javax.management.BadAttributeValueExpException", "java.beans.EventHandler", "java.io.File",
        "java.lang.Thread", "java.lang.Class", "javax.security.auth.Subject", "[Ljava.net.URL;"})
    void jdkClassOutsideBuiltIns_isRejectedByDefault(String name) throws ClassNotFoundException {
        AttributeStreamFilter filter = filter(AttributePolicy.defaults());

        assertEquals(Status.REJECTED, filter.checkInput(new Info(Class.forName(name), -1, 1, 1, 10)));
        assertEquals(AttributeDecodeException.Reason.NOT_ALLOWED, filter.rejectionReason());
    }

    @Test
    void exactPatternForJdkClass_allowsJustThatClass() {
        AttributePolicy policy = AttributePolicy.builder().allow("java.net.Inet4Address").build();

        assertEquals(Status.ALLOWED, check(policy, java.net.Inet4Address.class));
        assertEquals(Status.REJECTED, check(policy, java.net.Inet6Address.class));
    }

    @Test
    void wildcardPattern_neverAdmitsJdkClasses() throws ClassNotFoundException {
        AttributePolicy policy = AttributePolicy.builder().allow("javax.**", "sun.**").build();

        assertEquals(Status.REJECTED, check(policy, javax.security.auth.x500.X500Principal.class));
        assertEquals(Status.REJECTED, check(policy, Class.forName("sun.misc.Unsafe")));
    }

    @Test
    void exactPatternForJdkClassOutsideJavaPackages_isStillRejected() throws ClassNotFoundException {
        AttributeStreamFilter filter = filter(AttributePolicy.builder().allow("sun.misc.Unsafe").build());

        assertEquals(Status.REJECTED, filter.checkInput(new Info(Class.forName("sun.misc.Unsafe"), -1, 1, 1, 10)));
        assertEquals("class sun.misc.Unsafe is never allowed", filter.rejection());
    }

    @Test
    void classOutsideAllowList_isRejectedAndRecordedByName() {
        AttributeStreamFilter filter = filter(AttributePolicy.defaults());

        assertEquals(Status.REJECTED, filter.checkInput(new Info(Outsider.class, -1, 1, 1, 10)));
        assertEquals("class " + Outsider.class.getName() + " is not allowed", filter.rejection());
    }

    @Test
    void classMatchingPattern_isAllowed() {
        assertEquals(Status.ALLOWED,
                check(AttributePolicy.builder().allow("io.github.sessionfilter.attribute.*").build(), Outsider.class));
        assertEquals(Status.ALLOWED,
                check(AttributePolicy.builder().allow("io.github.**").build(), Outsider.class));
        assertEquals(Status.ALLOWED,
                check(AttributePolicy.builder().allow(Outsider.class.getName()).build(), Outsider.class));
    }

    @Test
    void testClassesDirectory_isNotAnAppClassesDirectory() {
        // Same loader as the codec's, but target/test-classes is not WEB-INF/classes.
        assertEquals(Status.REJECTED, check(AttributePolicy.defaults(), Outsider.class));
    }

    @Test
    void enum_isAllowedOnlyWhenTheEnumClassItselfIsAllowed() {
        assertEquals(Status.REJECTED, check(AttributePolicy.defaults(), Colour.class));
        assertEquals(Status.ALLOWED,
                check(AttributePolicy.builder().allow("io.github.sessionfilter.attribute.*").build(), Colour.class));
        assertEquals(Status.ALLOWED, check(AttributePolicy.defaults(), Enum.class));
    }

    @Test
    void jdkInterface_isAllowedOnlyAsAnArrayComponent() {
        assertEquals(Status.ALLOWED, check(AttributePolicy.defaults(), Map.Entry[].class));
        assertEquals(Status.ALLOWED, check(AttributePolicy.defaults(), Serializable[].class));
        assertEquals(Status.REJECTED, check(AttributePolicy.defaults(), Map.Entry.class));
        assertEquals(Status.REJECTED, check(AttributePolicy.defaults(), Runnable.class));
        assertEquals(Status.REJECTED, check(AttributePolicy.defaults(), java.lang.reflect.InvocationHandler[].class));
    }

    @Test
    void array_isJudgedByItsElementType() {
        assertEquals(Status.REJECTED, check(AttributePolicy.defaults(), Outsider[][].class));
        assertEquals(Status.ALLOWED,
                check(AttributePolicy.builder().allow("io.github.sessionfilter.attribute.*").build(), Outsider[].class));
        assertEquals(Status.ALLOWED, check(AttributePolicy.defaults(), long[][][].class));
    }

    @Test
    void proxyClass_isRejectedEvenWhenItsPackageIsAllowed() {
        Class<?> proxy = Proxy.newProxyInstance(TEST_LOADER, new Class<?>[] {PackagePrivateInterface.class},
                (self, method, args) -> null).getClass();
        AttributePolicy policy = AttributePolicy.builder().allow(proxy.getPackageName() + ".*").build();
        AttributeStreamFilter filter = filter(policy);

        assertEquals(Status.REJECTED, filter.checkInput(new Info(proxy, -1, 1, 1, 10)));
        assertEquals("dynamic proxy class " + proxy.getName() + " is not allowed", filter.rejection());
    }

    @Test
    void depthOverLimit_isRejected() {
        AttributePolicy policy = AttributePolicy.builder().maxDepth(5).build();
        AttributeStreamFilter filter = filter(policy);

        assertNotEquals(Status.REJECTED, filter.checkInput(new Info(null, -1, 5, 1, 10)));
        assertEquals(Status.REJECTED, filter.checkInput(new Info(null, -1, 6, 1, 10)));
        assertEquals(AttributeDecodeException.Reason.LIMIT_EXCEEDED, filter.rejectionReason());
        assertEquals("object nesting depth 6 exceeds maxDepth 5", filter.rejection());
    }

    @Test
    void referencesOverLimit_isRejected() {
        AttributeStreamFilter filter = filter(AttributePolicy.builder().maxReferences(5).build());

        assertNotEquals(Status.REJECTED, filter.checkInput(new Info(null, -1, 1, 5, 10)));
        assertEquals(Status.REJECTED, filter.checkInput(new Info(null, -1, 1, 6, 10)));
        assertEquals("object references 6 exceed maxReferences 5", filter.rejection());
    }

    @Test
    void arrayLengthOverLimit_isRejected() {
        AttributeStreamFilter filter = filter(AttributePolicy.builder().maxArrayLength(5).build());

        assertEquals(Status.ALLOWED, filter.checkInput(new Info(int[].class, 5, 1, 1, 10)));
        assertEquals(Status.REJECTED, filter.checkInput(new Info(int[].class, 6, 1, 1, 10)));
        assertEquals("array length 6 exceeds maxArrayLength 5", filter.rejection());
    }

    @Test
    void streamBytesOverLimit_isRejected() {
        AttributeStreamFilter filter = filter(AttributePolicy.builder().maxBytesPerAttribute(50).build());

        assertNotEquals(Status.REJECTED, filter.checkInput(new Info(null, -1, 1, 1, 50)));
        assertEquals(Status.REJECTED, filter.checkInput(new Info(null, -1, 1, 1, 51)));
        assertEquals("stream bytes 51 exceed maxBytesPerAttribute 50", filter.rejection());
    }

    @Test
    void firstRejection_isTheOneReported() {
        AttributeStreamFilter filter = filter(AttributePolicy.defaults());

        filter.checkInput(new Info(Outsider.class, -1, 1, 1, 10));
        filter.checkInput(new Info(null, -1, 1_000, 1, 10));

        assertEquals(AttributeDecodeException.Reason.NOT_ALLOWED, filter.rejectionReason());
        assertEquals("class " + Outsider.class.getName() + " is not allowed", filter.rejection());
    }

    @Test
    void jvmWideFilterRejection_isHonoured() {
        ObjectInputFilter jvmWide = ObjectInputFilter.Config.createFilter("!java.lang.Integer");
        AttributeStreamFilter filter = filter(AttributePolicy.defaults(), jvmWide);

        assertEquals(Status.ALLOWED, filter.checkInput(new Info(String.class, -1, 1, 1, 10)));
        assertEquals(Status.REJECTED, filter.checkInput(new Info(Integer.class, -1, 1, 1, 10)));
        assertEquals("class java.lang.Integer rejected by the JVM-wide deserialization filter (jdk.serialFilter)",
                filter.rejection());
    }

    @Test
    void jvmWideFilterThatAllowsEverything_cannotWidenThePolicy() {
        ObjectInputFilter jvmWide = ObjectInputFilter.Config.createFilter("*");
        AttributeStreamFilter filter = filter(AttributePolicy.defaults(), jvmWide);

        assertEquals(Status.REJECTED, filter.checkInput(new Info(Outsider.class, -1, 1, 1, 10)));
    }

    @Test
    void recordingFilter_recordsEveryAllowableRefusedClassAndLetsItThrough() {
        AttributePolicy policy = AttributePolicy.defaults();
        AttributeStreamFilter filter = AttributeStreamFilter.recording(new AttributeClassRules(TEST_LOADER, policy),
                policy, null);

        assertEquals(Status.ALLOWED, filter.checkInput(new Info(Outsider.class, -1, 1, 1, 10)));
        assertEquals(Status.ALLOWED, filter.checkInput(new Info(Colour[].class, 2, 1, 1, 10)));
        assertEquals(Status.ALLOWED, filter.checkInput(new Info(java.net.InetAddress.class, -1, 1, 1, 10)));
        assertEquals(Status.ALLOWED, filter.checkInput(new Info(Outsider.class, -1, 1, 1, 10)));

        assertEquals(List.of(Outsider.class.getName(), Colour.class.getName(), "java.net.InetAddress"),
                List.copyOf(filter.recorded()));
        assertNull(filter.rejection());
    }

    @Test
    void recordingFilter_stillRejectsWhatNoPatternCanEverAllow() throws ClassNotFoundException {
        AttributePolicy policy = AttributePolicy.defaults();
        AttributeStreamFilter filter = AttributeStreamFilter.recording(new AttributeClassRules(TEST_LOADER, policy),
                policy, null);
        Class<?> proxy = Proxy.newProxyInstance(TEST_LOADER, new Class<?>[] {PackagePrivateInterface.class},
                (self, method, args) -> null).getClass();

        assertEquals(Status.REJECTED, filter.checkInput(new Info(Class.forName("sun.misc.Unsafe"), -1, 1, 1, 10)));
        assertEquals(Status.REJECTED, filter.checkInput(new Info(java.lang.reflect.Method.class, -1, 1, 1, 10)));
        assertEquals(Status.REJECTED, filter.checkInput(new Info(proxy, -1, 1, 1, 10)));
        assertEquals("class sun.misc.Unsafe is never allowed", filter.rejection());
        assertEquals(Set.of(), filter.recorded());
    }

    @Test
    void recordingFilter_stillHonoursTheJvmWideFilter() {
        AttributePolicy policy = AttributePolicy.defaults();
        AttributeStreamFilter filter = AttributeStreamFilter.recording(new AttributeClassRules(TEST_LOADER, policy),
                policy, ObjectInputFilter.Config.createFilter("!java.lang.Integer"));

        assertEquals(Status.REJECTED, filter.checkInput(new Info(Integer.class, -1, 1, 1, 10)));
    }

    @Test
    void decodingFilter_recordsNothing() {
        AttributeStreamFilter filter = filter(AttributePolicy.defaults());

        filter.checkInput(new Info(Outsider.class, -1, 1, 1, 10));

        assertEquals(Set.of(), filter.recorded());
    }

    @Test
    void noRejection_isRecordedWhileEverythingIsAllowed() {
        AttributeStreamFilter filter = filter(AttributePolicy.defaults());

        filter.checkInput(new Info(String.class, -1, 1, 1, 10));
        filter.checkInput(new Info(null, -1, 2, 2, 20));

        assertNull(filter.rejection());
        assertNull(filter.rejectionReason());
    }
}
