package io.github.sessionfilter.demo.shop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CartTest {

    @Test
    void add_sameProductTwice_addsUpQuantities() {
        Cart cart = new Cart();
        cart.add("sencha", 1);
        cart.add("sencha", 2);
        assertEquals(3, cart.quantityOf("sencha"));
        assertEquals(3, cart.totalQuantity());
    }

    @Test
    void lines_keepTheOrderProductsWereFirstAdded() {
        Cart cart = new Cart();
        cart.add("mug", 1);
        cart.add("assam", 1);
        cart.add("mug", 1);
        assertEquals(List.of("mug", "assam"), List.copyOf(cart.lines().keySet()));
    }

    @Test
    void add_neverExceedsMaxQuantity() {
        Cart cart = new Cart();
        cart.add("mug", 98);
        cart.add("mug", 5);
        assertEquals(Cart.MAX_QUANTITY, cart.quantityOf("mug"));
    }

    @Test
    void add_quantityBelowOne_isRejected() {
        Cart cart = new Cart();
        assertThrows(IllegalArgumentException.class, () -> cart.add("mug", 0));
        assertThrows(IllegalArgumentException.class, () -> cart.add("mug", -2));
        assertTrue(cart.isEmpty());
    }

    @Test
    void remove_dropsTheWholeLine() {
        Cart cart = new Cart();
        cart.add("rooibos", 4);
        cart.add("mug", 1);
        assertTrue(cart.remove("rooibos"));
        assertFalse(cart.remove("rooibos"));
        assertEquals(Map.of("mug", 1), cart.lines());
    }

    @Test
    void lines_isASnapshot_notALiveView() {
        Cart cart = new Cart();
        cart.add("assam", 1);
        Map<String, Integer> before = cart.lines();
        cart.add("assam", 1);
        assertEquals(1, before.get("assam"));
        assertThrows(UnsupportedOperationException.class, () -> before.put("mug", 1));
    }

    @Test
    void serializedCopy_hasTheSameLines_andChangesIndependently() throws Exception {
        Cart cart = new Cart();
        cart.add("darjeeling", 2);
        cart.add("mug", 1);

        Cart copy = roundTrip(cart);
        assertEquals(cart.lines(), copy.lines());
        assertEquals(List.of("darjeeling", "mug"), List.copyOf(copy.lines().keySet()));

        copy.add("mug", 1);
        assertEquals(2, copy.quantityOf("mug"));
        assertEquals(1, cart.quantityOf("mug"));
    }

    private static Cart roundTrip(Cart cart) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(cart);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            return (Cart) in.readObject();
        }
    }
}
