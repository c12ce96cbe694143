package io.github.sessionfilter.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.NotSerializableException;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Storing a value fails at once, with a message an app developer can act on, when it could not come back. */
class AttributeCodecEncodeTest {

    private static final ClassLoader APP_LOADER = AttributeCodecEncodeTest.class.getClassLoader();
    private static final String TEST_PACKAGE = "io.github.sessionfilter.codec.*";

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
                + " it back", e.getMessage());
        assertEquals("cart", e.attributeName());
    }

    @Test
    void encode_classOutsideAllowListWrittenByCustomWriteObject_isRefused() {
        AttributeCodec allowsWrapper = new AttributeCodec(APP_LOADER,
                AttributePolicy.builder().allow(Wrapper.class.getName()).build());

        AttributeNotAllowedException e = assertThrows(AttributeNotAllowedException.class,
                () -> allowsWrapper.encode("wrapper", new Wrapper()));

        assertEquals("session attribute 'wrapper' cannot be stored: class " + Outsider.class.getName()
                + " is not allowed (value class " + Wrapper.class.getName() + "); the attribute policy would"
                + " refuse to read it back", e.getMessage());
    }

    @Test
    void encode_dynamicProxy_isRefused() {
        Object proxy = Proxy.newProxyInstance(APP_LOADER, new Class<?>[] {Runnable.class},
                (InvocationHandlerSerializable) (self, method, args) -> null);

        AttributeNotAllowedException e = assertThrows(AttributeNotAllowedException.class,
                () -> codec.encode("task", proxy));

        assertEquals("session attribute 'task' cannot be stored: dynamic proxy class " + proxy.getClass().getName()
                + " is not allowed (value class " + proxy.getClass().getName() + "); the attribute policy would"
                + " refuse to read it back", e.getMessage());
    }

    interface InvocationHandlerSerializable extends java.lang.reflect.InvocationHandler, Serializable {
    }

    @Test
    void encode_nullValue_isRejectedNamingTheAttribute() {
        NullPointerException e = assertThrows(NullPointerException.class, () -> codec.encode("cart", null));

        assertEquals("value of session attribute 'cart' is null", e.getMessage());
    }
}
