package io.github.sessionfilter.attribute;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.NotSerializableException;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

/** Storing a value fails at once, with a message an app developer can act on, when it could not come back. */
class AttributeCodecEncodeTest {

    private static final ClassLoader APP_LOADER = AttributeCodecEncodeTest.class.getClassLoader();
    private static final String TEST_PACKAGE = "io.github.sessionfilter.attribute.*";

    static class Item {
        @Override
        public String toString() {
            return "SECRET-ITEM";
        }
    }

    static class Cart implements Serializable {
        private static final long serialVersionUID = 1L;
        final Item item = new Item();

        @Override
        public String toString() {
            return "SECRET-CART";
        }
    }

    static class Refuser implements Serializable {
        private static final long serialVersionUID = 1L;

        private void writeObject(ObjectOutputStream out) throws IOException {
            throw new NotSerializableException("holds a live database connection");
        }
    }

    static class Outsider implements Serializable {
        private static final long serialVersionUID = 1L;
    }

    /** Allowed itself, but its custom writeObject slips an outsider into the stream. */
    static class Wrapper implements Serializable {
        private static final long serialVersionUID = 1L;

        private void writeObject(ObjectOutputStream out) throws IOException {
            out.writeObject(new Outsider());
        }
    }

    private final AttributeCodec codec = new AttributeCodec(APP_LOADER,
            AttributePolicy.builder().allow(TEST_PACKAGE).build());

    @Test
    void encode_nonSerializableValue_namesAttributeAndClass() {
        AttributeNotSerializableException e = assertThrows(AttributeNotSerializableException.class,
                () -> codec.encode("lock", new Item()));

        assertEquals("session attribute 'lock' cannot be stored: " + Item.class.getName() + " is not serializable",
                e.getMessage());
        assertEquals("lock", e.attributeName());
        assertEquals(Item.class.getName(), e.valueClassName());
    }

    @Test
    void encode_valueWithNonSerializableField_namesAttributeValueClassAndFieldClass() {
        AttributeNotSerializableException e = assertThrows(AttributeNotSerializableException.class,
                () -> codec.encode("cart", new Cart()));

        assertEquals("session attribute 'cart' cannot be stored: " + Cart.class.getName() + " is not serializable"
                + " (it refers to a " + Item.class.getName() + ", which is not Serializable)", e.getMessage());
        assertFalse(e.getMessage().contains("SECRET"), "toString leaked into the message");
    }

    @Test
    void encode_collectionWithNonSerializableElement_namesTheElementClass() {
        AttributeNotSerializableException e = assertThrows(AttributeNotSerializableException.class,
                () -> codec.encode("items", new ArrayList<>(List.of("ok", new Item()))));

        assertEquals("session attribute 'items' cannot be stored: java.util.ArrayList is not serializable"
                + " (it refers to a " + Item.class.getName() + ", which is not Serializable)", e.getMessage());
    }

    @Test
    void encode_valueThatRefusesSerialization_keepsItsExplanation() {
        AttributeNotSerializableException e = assertThrows(AttributeNotSerializableException.class,
                () -> codec.encode("dao", new Refuser()));

        assertEquals("session attribute 'dao' cannot be stored: " + Refuser.class.getName()
                + " is not serializable (holds a live database connection)", e.getMessage());
    }

    @Test
    void encode_valueLargerThanLimit_namesAttributeExactSizeAndLimit() {
        byte[] value = new byte[2_000];
        int size = AttributeTestStreams.serialize(value).length;
        AttributeCodec small = new AttributeCodec(APP_LOADER, AttributePolicy.builder().maxBytesPerAttribute(1_000).build());

        AttributeTooLargeException e = assertThrows(AttributeTooLargeException.class, () -> small.encode("blob", value));

        assertEquals("session attribute 'blob' cannot be stored: it encodes to " + size
                + " bytes, over the limit of 1000 bytes (maxBytesPerAttribute)", e.getMessage());
        assertEquals(size, e.size());
        assertEquals(1_000, e.limit());
    }

    @Test
    void encode_valueExactlyAtLimit_isAcceptedAndOneByteMoreIsNot() {
        List<String> value = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            value.add("entry number " + i);
        }
        byte[] expected = AttributeTestStreams.serialize(value);
        AttributeCodec exact = new AttributeCodec(APP_LOADER,
                AttributePolicy.builder().maxBytesPerAttribute(expected.length).build());
        AttributeCodec tight = new AttributeCodec(APP_LOADER,
                AttributePolicy.builder().maxBytesPerAttribute(expected.length - 1).build());

        assertEquals(java.util.Arrays.toString(expected), java.util.Arrays.toString(exact.encode("list", value)));
        assertThrows(AttributeTooLargeException.class, () -> tight.encode("list", value));
    }

    @Test
    void encode_classThePolicyWouldNotDecode_isRefusedWhenStored() {
        AttributeCodec defaults = new AttributeCodec(APP_LOADER, AttributePolicy.defaults());

        AttributeNotAllowedException e = assertThrows(AttributeNotAllowedException.class,
                () -> defaults.encode("cart", new ArrayList<>(List.of(new Outsider()))));

        assertEquals("session attribute 'cart' cannot be stored: class " + Outsider.class.getName()
                + " is not allowed (value class java.util.ArrayList); the attribute policy would refuse to read"
                + " it back. To allow it, set SESSION_ATTRIBUTES_ALLOW=" + Outsider.class.getName()
                + " (or the init-param attributes.allow)", e.getMessage());
        assertEquals("cart", e.attributeName());
        assertEquals(List.of(Outsider.class.getName()), e.refusedClassNames());
    }

    @Test
    void encode_classOutsideAllowListWrittenByCustomWriteObject_isRefused() {
        AttributeCodec allowsWrapper = new AttributeCodec(APP_LOADER,
                AttributePolicy.builder().allow(Wrapper.class.getName()).build());

        AttributeNotAllowedException e = assertThrows(AttributeNotAllowedException.class,
                () -> allowsWrapper.encode("wrapper", new Wrapper()));

        assertEquals("session attribute 'wrapper' cannot be stored: class " + Outsider.class.getName()
                + " is not allowed (value class " + Wrapper.class.getName() + "); the attribute policy would"
                + " refuse to read it back. To allow it, set SESSION_ATTRIBUTES_ALLOW=" + Wrapper.class.getName()
                + "," + Outsider.class.getName() + " (or the init-param attributes.allow)", e.getMessage());
    }

    @Test
    void encode_dynamicProxy_isRefused() {
        Object proxy = Proxy.newProxyInstance(APP_LOADER, new Class<?>[] {Runnable.class},
                (InvocationHandlerSerializable) (self, method, args) -> null);

        AttributeNotAllowedException e = assertThrows(AttributeNotAllowedException.class,
                () -> codec.encode("task", proxy));

        assertTrue(e.getMessage().startsWith("session attribute 'task' cannot be stored: dynamic proxy class "
                + proxy.getClass().getName() + " is not allowed; class java.lang.reflect.Proxy is never allowed; "),
                e.getMessage());
        assertTrue(e.getMessage().contains(" (value class " + proxy.getClass().getName() + "); the attribute policy"
                + " would refuse to read it back"), e.getMessage());
    }

    /** Stands in for an app class from a jar in WEB-INF/lib, refused by default, holding another. */
    static class Line implements Serializable {
        private static final long serialVersionUID = 1L;
        final Outsider product = new Outsider();
        final Colour colour = Colour.RED;

        @Override
        public String toString() {
            return "SECRET-LINE";
        }
    }

    enum Colour { RED }

    static class TaskHandler implements java.lang.reflect.InvocationHandler, Serializable {
        private static final long serialVersionUID = 1L;

        @Override
        public Object invoke(Object proxy, java.lang.reflect.Method method, Object[] args) {
            return null;
        }
    }

    /** Never written to the stream: only {@link Resolver}'s readResolve produces it. */
    static class Resolved implements Serializable {
        private static final long serialVersionUID = 1L;
    }

    static class Resolver implements Serializable {
        private static final long serialVersionUID = 1L;

        private Object readResolve() {
            return new Resolved();
        }
    }

    @Test
    void encode_valueWithSeveralRefusedClasses_namesEveryOneInOneMessageWithTheLineThatAllowsThem() {
        AttributeCodec defaults = new AttributeCodec(APP_LOADER, AttributePolicy.defaults());
        Map<String, Object> cart = new ConcurrentHashMap<>();
        cart.put("lines", new CopyOnWriteArrayList<>(List.of(new Line(), new Line())));

        AttributeNotAllowedException e = assertThrows(AttributeNotAllowedException.class,
                () -> defaults.encode("cart", cart));

        String line = Line.class.getName();
        String outsider = Outsider.class.getName();
        String colour = Colour.class.getName();
        assertEquals(List.of(line, colour, outsider), e.refusedClassNames());
        assertEquals("session attribute 'cart' cannot be stored: classes " + line + ", " + colour + ", " + outsider
                + " are not allowed (value class java.util.concurrent.ConcurrentHashMap); the attribute policy would"
                + " refuse to read it back. To allow them, set SESSION_ATTRIBUTES_ALLOW=" + line + "," + colour + ","
                + outsider + " (or the init-param attributes.allow)", e.getMessage());
        assertFalse(e.getMessage().contains("SECRET"), "a value leaked into the message");
    }

    @Test
    void encode_allowLine_keepsTheConfiguredPatternsSoItCanBePasted() {
        AttributeCodec configured = new AttributeCodec(APP_LOADER,
                AttributePolicy.builder().allow("com.example.*", Line.class.getName()).build());

        AttributeNotAllowedException e = assertThrows(AttributeNotAllowedException.class,
                () -> configured.encode("line", new Line()));

        assertTrue(e.getMessage().endsWith(". To allow them, set SESSION_ATTRIBUTES_ALLOW=com.example.*,"
                + Line.class.getName() + "," + Colour.class.getName() + "," + Outsider.class.getName()
                + " (or the init-param attributes.allow)"), e.getMessage());
        AttributeCodec pasted = new AttributeCodec(APP_LOADER, AttributePolicy.builder()
                .allow("com.example.*", Line.class.getName(), Outsider.class.getName(), Colour.class.getName()).build());
        assertTrue(pasted.decode("line", pasted.encode("line", new Line())) instanceof Line);
    }

    @Test
    void encode_refusedClassOnlyAReadResolveReturns_isFoundByWalkingTheStream() {
        AttributeCodec allowsResolver = new AttributeCodec(APP_LOADER,
                AttributePolicy.builder().allow(Resolver.class.getName()).build());
        List<Object> value = new ArrayList<>(List.of(new Outsider(), new Resolver()));

        AttributeNotAllowedException e = assertThrows(AttributeNotAllowedException.class,
                () -> allowsResolver.encode("pair", value));

        assertEquals(List.of(Outsider.class.getName(), Resolved.class.getName()), e.refusedClassNames());
    }

    @Test
    void encode_refusedAndNeverAllowedClasses_areAllNamedAndOnlyTheAllowableOnesGoInTheLine() {
        Object proxy = Proxy.newProxyInstance(APP_LOADER, new Class<?>[] {Runnable.class}, new TaskHandler());
        AttributeCodec defaults = new AttributeCodec(APP_LOADER, AttributePolicy.defaults());
        List<Object> value = new ArrayList<>(List.of(new Outsider(), proxy));

        AttributeNotAllowedException e = assertThrows(AttributeNotAllowedException.class,
                () -> defaults.encode("tasks", value));

        assertTrue(e.refusedClassNames().containsAll(List.of(Outsider.class.getName(), proxy.getClass().getName())),
                e.refusedClassNames().toString());
        assertTrue(e.getMessage().contains("dynamic proxy class " + proxy.getClass().getName() + " is not allowed"),
                e.getMessage());
        assertTrue(e.getMessage().contains("class java.lang.reflect.Proxy is never allowed"), e.getMessage());
        assertTrue(e.getMessage().endsWith(". To allow " + Outsider.class.getName() + ", " + TaskHandler.class.getName()
                + ", set SESSION_ATTRIBUTES_ALLOW=" + Outsider.class.getName() + "," + TaskHandler.class.getName()
                + " (or the init-param attributes.allow)"), e.getMessage());
    }

    @Test
    void encode_sameRefusedClassTwice_throwsBothTimesButLogsOnce() {
        AttributeCodec defaults = new AttributeCodec(APP_LOADER, AttributePolicy.defaults());
        List<LogRecord> records = captureLogs(() -> {
            assertThrows(AttributeNotAllowedException.class, () -> defaults.encode("a", new Outsider()));
            assertThrows(AttributeNotAllowedException.class, () -> defaults.encode("b", new Outsider()));
            assertThrows(AttributeNotAllowedException.class,
                    () -> defaults.encode("c", new ArrayList<>(List.of(new Outsider()))));
        });

        assertEquals(1, records.size(), "one record per refused class per codec");
        assertEquals(Level.WARNING, records.get(0).getLevel());
        assertTrue(records.get(0).getMessage().contains("SESSION_ATTRIBUTES_ALLOW=" + Outsider.class.getName()),
                records.get(0).getMessage());
    }

    @Test
    void encode_newRefusedClass_isLoggedEvenAfterAnotherWasLogged() {
        AttributeCodec defaults = new AttributeCodec(APP_LOADER, AttributePolicy.defaults());
        List<LogRecord> records = captureLogs(() -> {
            assertThrows(AttributeNotAllowedException.class, () -> defaults.encode("a", new Outsider()));
            assertThrows(AttributeNotAllowedException.class, () -> defaults.encode("b", new Line()));
        });

        assertEquals(2, records.size());
        assertTrue(records.get(1).getMessage().contains(Line.class.getName()), records.get(1).getMessage());
    }

    @Test
    void encode_refusalsAreRememberedPerCodecNotPerJvm() {
        List<LogRecord> records = captureLogs(() -> {
            for (int start = 0; start < 2; start++) {
                AttributeCodec afterRestart = new AttributeCodec(APP_LOADER, AttributePolicy.defaults());
                assertThrows(AttributeNotAllowedException.class, () -> afterRestart.encode("a", new Outsider()));
            }
        });

        assertEquals(2, records.size());
    }

    @Test
    void encode_logRecord_neverContainsTheValue() {
        AttributeCodec defaults = new AttributeCodec(APP_LOADER, AttributePolicy.defaults());
        Map<String, Object> value = new HashMap<>(Map.of("SECRET-KEY", new Line()));

        List<LogRecord> records = captureLogs(() ->
                assertThrows(AttributeNotAllowedException.class, () -> defaults.encode("cart", value)));

        assertEquals(1, records.size());
        assertFalse(records.get(0).getMessage().contains("SECRET"), records.get(0).getMessage());
    }

    @Test
    void publicConstructor_stillWorksForCallersOfTheOldApi() {
        AttributeNotAllowedException e = new AttributeNotAllowedException("cart", "com.example.Cart",
                "class com.example.Item is not allowed");

        assertEquals("cart", e.attributeName());
        assertEquals(List.of(), e.refusedClassNames());
        assertEquals("session attribute 'cart' cannot be stored: class com.example.Item is not allowed (value class"
                + " com.example.Cart); the attribute policy would refuse to read it back", e.getMessage());
    }

    private static List<LogRecord> captureLogs(Runnable action) {
        Logger logger = Logger.getLogger(AttributeCodec.class.getName());
        List<LogRecord> records = new CopyOnWriteArrayList<>();
        Handler capture = new Handler() {
            @Override public void publish(LogRecord record) { records.add(record); }
            @Override public void flush() { }
            @Override public void close() { }
        };
        logger.addHandler(capture);
        try {
            action.run();
        } finally {
            logger.removeHandler(capture);
        }
        return records;
    }

    interface InvocationHandlerSerializable extends java.lang.reflect.InvocationHandler, Serializable {
    }

    @Test
    void encode_nullValue_isRejectedNamingTheAttribute() {
        NullPointerException e = assertThrows(NullPointerException.class, () -> codec.encode("cart", null));

        assertEquals("value of session attribute 'cart' is null", e.getMessage());
    }
}
