package io.github.sessionfilter.attribute;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Hostile or damaged bytes never get further than an {@link AttributeDecodeException}. */
class AttributeCodecDecodeDefenceTest {

    /** Set by anything a decode must never instantiate. */
    static final AtomicBoolean INSTANTIATED = new AtomicBoolean();

    private static final ClassLoader APP_LOADER = AttributeCodecDecodeDefenceTest.class.getClassLoader();
    private static final String CANARY = Canary.class.getName();

    /** Not serializable: its constructor runs for every Canary the JDK creates, before any field is read. */
    static class CanaryBase {
        CanaryBase() {
            INSTANTIATED.set(true);
        }
    }

    /** Stands in for a gadget: a serializable class outside the allow-list with side effects on read. */
    static class Canary extends CanaryBase implements Serializable {
        private static final long serialVersionUID = 1L;
        String payload = "boom";

        private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
            in.defaultReadObject();
            INSTANTIATED.set(true);
        }
    }

    /** Set by the static initializer of {@link Statik}, which no test ever touches directly. */
    static final AtomicBoolean STATIK_INITIALIZED = new AtomicBoolean();

    /** Same serial shape and name length as Canary; bytes for it are made by renaming a Canary. */
    static class Statik implements Serializable {
        private static final long serialVersionUID = 1L;
        static {
            STATIK_INITIALIZED.set(true);
        }
        String payload;
    }

    /** An allowed class whose readObject swallows whatever goes wrong while reading its content. */
    static class Swallower implements Serializable {
        private static final long serialVersionUID = 1L;

        private void writeObject(ObjectOutputStream out) throws IOException {
            out.writeObject(new Canary());
        }

        private void readObject(ObjectInputStream in) {
            try {
                in.readObject();
            } catch (Exception ignored) {
                // what careless legacy code does
            }
        }
    }

    static class Handler implements InvocationHandler, Serializable {
        private static final long serialVersionUID = 1L;

        private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
            in.defaultReadObject();
            INSTANTIATED.set(true);
        }

        @Override
        public Object invoke(Object proxy, Method method, Object[] args) {
            return 0;
        }
    }

    /** A comparator outside the allow-list, as gadget chains put into a PriorityQueue or TreeMap. */
    static class CanaryComparator extends CanaryBase implements java.util.Comparator<Object>, Serializable {
        private static final long serialVersionUID = 1L;

        @Override
        public int compare(Object a, Object b) {
            INSTANTIATED.set(true);
            return 0;
        }
    }

    private final AttributeCodec strict = new AttributeCodec(APP_LOADER, AttributePolicy.defaults());
    private final AttributeCodec permissive = new AttributeCodec(APP_LOADER,
            AttributePolicy.builder().allow("io.github.sessionfilter.attribute.*").build());

    @BeforeEach
    void resetCanary() {
        INSTANTIATED.set(false);
    }

    private static AttributeDecodeException decodeFails(AttributeCodec codec, String name, byte[] bytes) {
        return assertThrows(AttributeDecodeException.class, () -> codec.decode(name, bytes));
    }

    @Test
    void decode_canaryWhenItsClassIsAllowed_isInstantiated_soTheCanaryWorks() {
        byte[] bytes = AttributeTestStreams.serialize(new Canary());
        INSTANTIATED.set(false);

        permissive.decode("cart", bytes);

        assertTrue(INSTANTIATED.get());
    }

    @Test
    void decode_classOutsideAllowList_isRejectedBeforeInstantiation() {
        byte[] bytes = AttributeTestStreams.serialize(new Canary());
        INSTANTIATED.set(false);

        AttributeDecodeException e = decodeFails(strict, "cart", bytes);

        assertFalse(INSTANTIATED.get(), "the canary was instantiated");
        assertEquals(AttributeDecodeException.Reason.NOT_ALLOWED, e.reason());
        assertEquals("cart", e.attributeName());
        assertEquals("session attribute 'cart' cannot be read: class " + CANARY + " is not allowed", e.getMessage());
    }

    @Test
    void decode_classOutsideAllowList_neverRunsItsStaticInitializer() {
        byte[] bytes = AttributeTestStreams.serialize(new Canary());
        byte[] from = CANARY.getBytes(StandardCharsets.UTF_8);
        byte[] to = Statik.class.getName().getBytes(StandardCharsets.UTF_8);
        System.arraycopy(to, 0, bytes, indexOf(bytes, from), to.length);

        AttributeDecodeException e = decodeFails(strict, "cart", bytes);

        assertFalse(STATIK_INITIALIZED.get(), "a refused class was initialized");
        assertEquals("session attribute 'cart' cannot be read: class " + Statik.class.getName() + " is not allowed",
                e.getMessage());
    }

    @Test
    void decode_classOutsideAllowListNestedInAllowedCollections_isRejectedBeforeInstantiation() {
        Map<String, Object> map = new HashMap<>();
        map.put("fine", List.of(1, 2));
        map.put("evil", new ArrayList<>(List.of("x", new Canary())));
        byte[] bytes = AttributeTestStreams.serialize(map);
        INSTANTIATED.set(false);

        AttributeDecodeException e = decodeFails(strict, "prefs", bytes);

        assertFalse(INSTANTIATED.get(), "the canary was instantiated");
        assertEquals("session attribute 'prefs' cannot be read: class " + CANARY + " is not allowed", e.getMessage());
    }

    @Test
    void decode_rejectionSwallowedByAllowedClass_stillFails() {
        AttributeCodec allowsSwallower = new AttributeCodec(APP_LOADER,
                AttributePolicy.builder().allow(Swallower.class.getName()).build());
        byte[] bytes = AttributeTestStreams.serialize(new Swallower());
        INSTANTIATED.set(false);

        AttributeDecodeException e = decodeFails(allowsSwallower, "wrapper", bytes);

        assertFalse(INSTANTIATED.get(), "the canary was instantiated");
        assertEquals(AttributeDecodeException.Reason.NOT_ALLOWED, e.reason());
        assertTrue(e.getMessage().endsWith("class " + CANARY + " is not allowed"), e.getMessage());
    }

    @Test
    void decode_priorityQueueWithAComparatorOutsideTheAllowList_isRejectedBeforeTheComparatorExistsOrRuns() {
        java.util.PriorityQueue<Object> queue = new java.util.PriorityQueue<>(new CanaryComparator());
        queue.add("a");
        queue.add("b");
        byte[] bytes = AttributeTestStreams.serialize(queue);
        INSTANTIATED.set(false);

        AttributeDecodeException e = decodeFails(strict, "queue", bytes);

        assertFalse(INSTANTIATED.get(), "the comparator was instantiated or called");
        assertEquals("session attribute 'queue' cannot be read: class " + CanaryComparator.class.getName()
                + " is not allowed", e.getMessage());
    }

    @Test
    void decode_treeMapWithAComparatorOutsideTheAllowList_isRejectedBeforeTheComparatorExists() {
        java.util.TreeMap<Object, Object> map = new java.util.TreeMap<>(new CanaryComparator());
        map.put("a", 1);
        byte[] bytes = AttributeTestStreams.serialize(map);
        INSTANTIATED.set(false);

        decodeFails(strict, "map", bytes);

        assertFalse(INSTANTIATED.get(), "the comparator was instantiated");
    }

    @Test
    void decode_canaryInsideNewlyAllowedJdkContainers_isRejectedBeforeInstantiation() {
        java.util.concurrent.ConcurrentHashMap<String, Object> map = new java.util.concurrent.ConcurrentHashMap<>();
        map.put("evil", new java.util.concurrent.atomic.AtomicReference<>(
                new java.util.concurrent.CopyOnWriteArrayList<>(List.of(new Canary()))));
        byte[] bytes = AttributeTestStreams.serialize(map);
        INSTANTIATED.set(false);

        AttributeDecodeException e = decodeFails(strict, "cart", bytes);

        assertFalse(INSTANTIATED.get(), "the canary was instantiated");
        assertEquals("session attribute 'cart' cannot be read: class " + CANARY + " is not allowed", e.getMessage());
    }

    @Test
    void decode_serializedLambdaComparator_isNeverAllowed() {
        java.util.TreeMap<String, Integer> map = new java.util.TreeMap<>(
                (java.util.Comparator<String> & Serializable) (a, b) -> b.compareTo(a));
        byte[] bytes = AttributeTestStreams.serialize(map);

        AttributeDecodeException e = decodeFails(permissive, "map", bytes);

        assertEquals("session attribute 'map' cannot be read: class java.lang.invoke.SerializedLambda is never allowed",
                e.getMessage());
    }

    @Test
    void decode_dynamicProxy_isRejectedWithoutInstantiatingItsHandler() {
        Object proxy = Proxy.newProxyInstance(APP_LOADER, new Class<?>[] {Comparable.class}, new Handler());
        byte[] bytes = AttributeTestStreams.serialize(proxy);
        INSTANTIATED.set(false);

        // Even with the handler's package allowed, the proxy must not get as far as reading the handler.
        AttributeDecodeException e = decodeFails(permissive, "proxy", bytes);

        assertFalse(INSTANTIATED.get(), "the invocation handler was instantiated");
        assertEquals(AttributeDecodeException.Reason.NOT_ALLOWED, e.reason());
        assertEquals("session attribute 'proxy' cannot be read: dynamic proxy classes are not allowed",
                e.getMessage());
    }

    @Test
    void decode_classTheAppLoaderCannotSee_reportsClassNotFound() {
        byte[] bytes = permissive.encode("fixture", new AttributeAppClassFixture("x"));
        // After a redeploy that removed the class: the app's loader no longer has it.
        AttributeCodec redeployed = new AttributeCodec(ClassLoader.getPlatformClassLoader(),
                AttributePolicy.builder().allow("io.github.sessionfilter.attribute.*").build());

        AttributeDecodeException e = decodeFails(redeployed, "fixture", bytes);

        assertEquals(AttributeDecodeException.Reason.CLASS_NOT_FOUND, e.reason());
        assertEquals("session attribute 'fixture' cannot be read: class not found: "
                + AttributeAppClassFixture.class.getName(), e.getMessage());
    }

    @Test
    void decode_jdkClassesResolveEvenThroughALoaderThatOnlySeesTheJdk() {
        AttributeCodec jdkOnly = new AttributeCodec(ClassLoader.getPlatformClassLoader(), AttributePolicy.defaults());

        assertEquals(List.of(new Date(5)), jdkOnly.decode("d", strict.encode("d", new ArrayList<>(List.of(new Date(5))))));
    }

    @Test
    void decode_classChangedIncompatibly_reportsIncompatibleClass() {
        byte[] bytes = permissive.encode("fixture", new AttributeAppClassFixture("x"));
        byte[] name = AttributeAppClassFixture.class.getName().getBytes(StandardCharsets.UTF_8);
        int at = indexOf(bytes, name) + name.length;
        bytes[at + 7] ^= 0x01; // last byte of the stored serialVersionUID

        AttributeDecodeException e = decodeFails(permissive, "fixture", bytes);

        assertEquals(AttributeDecodeException.Reason.INCOMPATIBLE_CLASS, e.reason());
        assertTrue(e.getMessage().startsWith("session attribute 'fixture' cannot be read: class "
                + AttributeAppClassFixture.class.getName() + " does not match the stored data (local class"
                + " incompatible"), e.getMessage());
    }

    @Test
    void decode_garbage_reportsCorruptDataWithoutEchoingTheBytes() {
        AttributeDecodeException e = decodeFails(strict, "cart", "AAAAAAAAAA".getBytes(StandardCharsets.US_ASCII));

        assertEquals(AttributeDecodeException.Reason.CORRUPT, e.reason());
        assertEquals("session attribute 'cart' cannot be read: corrupt data (StreamCorruptedException)",
                e.getMessage());
        assertFalse(e.getMessage().contains("41414141"));
    }

    @Test
    void decode_emptyBytes_reportsCorruptData() {
        AttributeDecodeException e = decodeFails(strict, "cart", new byte[0]);

        assertEquals(AttributeDecodeException.Reason.CORRUPT, e.reason());
    }

    @Test
    void decode_truncatedBytes_reportsCorruptData() {
        byte[] bytes = strict.encode("cart", new ArrayList<>(List.of("a", "b", "c")));

        for (int length = 0; length < bytes.length; length++) {
            AttributeDecodeException e = decodeFails(strict, "cart", Arrays.copyOf(bytes, length));
            assertEquals(AttributeDecodeException.Reason.CORRUPT, e.reason(), "length " + length);
        }
        AttributeDecodeException e = decodeFails(strict, "cart", Arrays.copyOf(bytes, bytes.length - 1));
        assertEquals("session attribute 'cart' cannot be read: corrupt data (truncated)", e.getMessage());
    }

    @Test
    void decode_randomlyDamagedBytes_onlyEverThrowsAttributeDecodeException() {
        byte[] original = strict.encode("cart", new HashMap<>(Map.of("k", new ArrayList<>(List.of(1, 2L, "s")))));
        java.util.Random random = new java.util.Random(42);

        for (int i = 0; i < 2_000; i++) {
            byte[] damaged = original.clone();
            damaged[random.nextInt(damaged.length)] = (byte) random.nextInt(256);
            try {
                strict.decode("cart", damaged);
            } catch (AttributeDecodeException expected) {
                // fine: damage detected
            }
        }
    }

    /**
     * SerialDOS: nested HashSets where each level holds two sets sharing the next level. A few KB, but
     * hashing the top set walks 2^levels paths: 99 levels never finish. The default depth refuses it
     * before any set is hashed.
     */
    @Test
    @org.junit.jupiter.api.Timeout(10)
    void decode_serialDosOfNestedHashSets_isRejectedBeforeHashing() {
        byte[] bytes = AttributeTestStreams.serialize(serialDos(99));
        assertTrue(bytes.length < 10_000, "a small payload: " + bytes.length);

        AttributeDecodeException e = decodeFails(strict, "set", bytes);

        assertEquals(AttributeDecodeException.Reason.LIMIT_EXCEEDED, e.reason());
    }

    /** The classic SerialDOS graph, built without ever hashing a deep set (links added after insertion). */
    private static java.util.Set<Object> serialDos(int levels) {
        java.util.Set<Object> root = new java.util.HashSet<>();
        java.util.Set<Object> s1 = root;
        java.util.Set<Object> s2 = new java.util.HashSet<>();
        for (int i = 0; i < levels; i++) {
            java.util.Set<Object> t1 = new java.util.HashSet<>();
            java.util.Set<Object> t2 = new java.util.HashSet<>();
            t1.add("foo"); // t1 != t2
            s1.add(t1);
            s1.add(t2);
            s2.add(t1);
            s2.add(t2);
            s1 = t1;
            s2 = t2;
        }
        return root;
    }

    @Test
    void decode_nestingDeeperThanMaxDepth_isRejected() {
        AttributeDecodeException e = decodeFails(strict, "tree", strict.encode("tree", nestedLists(150)));

        assertEquals(AttributeDecodeException.Reason.LIMIT_EXCEEDED, e.reason());
        assertTrue(e.getMessage().matches("session attribute 'tree' cannot be read: object nesting depth \\d+"
                + " exceeds maxDepth 20"), e.getMessage());
    }

    @Test
    void decode_nestingWithinMaxDepth_isAccepted() {
        Object value = nestedLists(15);

        assertEquals(value, strict.decode("tree", strict.encode("tree", value)));
    }

    @Test
    void decode_arrayLongerThanMaxArrayLength_isRejectedBeforeAllocation() {
        AttributeCodec codec = new AttributeCodec(APP_LOADER, AttributePolicy.builder().maxArrayLength(1_000).build());

        AttributeDecodeException array = decodeFails(codec, "a", codec.encode("a", new int[1_001]));
        AttributeDecodeException list = decodeFails(codec, "l", codec.encode("l", new ArrayList<>(Arrays.asList(new String[1_001]))));

        assertEquals("session attribute 'a' cannot be read: array length 1001 exceeds maxArrayLength 1000",
                array.getMessage());
        assertEquals(AttributeDecodeException.Reason.LIMIT_EXCEEDED, list.reason());
        assertEquals(1_000, ((int[]) codec.decode("a", codec.encode("a", new int[1_000]))).length);
    }

    @Test
    void decode_moreReferencesThanMaxReferences_isRejected() {
        AttributeCodec codec = new AttributeCodec(APP_LOADER, AttributePolicy.builder().maxReferences(1_000).build());
        ArrayList<Date> dates = new ArrayList<>();
        for (int i = 0; i < 2_000; i++) {
            dates.add(new Date(i));
        }

        AttributeDecodeException e = decodeFails(codec, "dates", codec.encode("dates", dates));

        assertEquals(AttributeDecodeException.Reason.LIMIT_EXCEEDED, e.reason());
        assertTrue(e.getMessage().contains("exceed maxReferences 1000"), e.getMessage());
        assertEquals(dates.subList(0, 100), codec.decode("d", codec.encode("d", new ArrayList<>(dates.subList(0, 100)))));
    }

    @Test
    void decode_bytesOverMaxBytesPerAttribute_areRejectedUnread() {
        byte[] bytes = strict.encode("blob", new byte[500]);
        AttributeCodec small = new AttributeCodec(APP_LOADER,
                AttributePolicy.builder().maxBytesPerAttribute(bytes.length - 1).build());

        AttributeDecodeException e = decodeFails(small, "blob", bytes);

        assertEquals(AttributeDecodeException.Reason.LIMIT_EXCEEDED, e.reason());
        assertEquals("session attribute 'blob' cannot be read: " + bytes.length
                + " bytes exceed maxBytesPerAttribute " + (bytes.length - 1), e.getMessage());
    }

    private static List<Object> nestedLists(int depth) {
        List<Object> root = new ArrayList<>();
        List<Object> current = root;
        for (int i = 0; i < depth; i++) {
            List<Object> next = new ArrayList<>();
            current.add(next);
            current = next;
        }
        return root;
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new AssertionError("not found");
    }
}
