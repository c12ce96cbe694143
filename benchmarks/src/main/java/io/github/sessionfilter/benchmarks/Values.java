package io.github.sessionfilter.benchmarks;

import java.io.Serializable;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The attribute values the benchmarks encode: what legacy apps keep in their sessions. */
final class Values {

    private Values() {
    }

    static String string() {
        return "user-4711@shop.example";
    }

    static List<String> tenItemList() {
        List<String> items = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            items.add("sku-" + (10_000 + i));
        }
        return items;
    }

    /** A cart with customer, lines and products: about 2 KB serialized. */
    static Cart objectGraph() {
        Cart cart = new Cart("Qm9uam91ciBsZSBtb25kZSEhIQ", new Customer("Ada Lovelace", "ada@shop.example"));
        for (int i = 0; i < 8; i++) {
            cart.lines.add(new Line(new Product("sku-" + (10_000 + i), "Product number " + i, new BigDecimal("19.9" + i)),
                    i + 1));
        }
        cart.notes.put("gift", "yes");
        cart.notes.put("delivery", "leave at the door");
        return cart;
    }

    /** A logged-in user's session: ten attributes of the usual kinds. */
    static Map<String, Object> tenAttributes() {
        Map<String, Object> attributes = new LinkedHashMap<>();
        attributes.put("user", string());
        attributes.put("cart", objectGraph());
        attributes.put("recentlyViewed", tenItemList());
        attributes.put("locale", "en-GB");
        attributes.put("loginTime", Instant.parse("2030-06-01T12:00:00Z"));
        attributes.put("visits", 42);
        attributes.put("csrf", "b7Jd9qk2LxR4vT1mN8sW3yZ6");
        attributes.put("theme", "dark");
        attributes.put("flags", new ArrayList<>(List.of("beta", "newsletter")));
        attributes.put("lastSearch", "red shoes size 42");
        return attributes;
    }

    static final class Cart implements Serializable {
        private static final long serialVersionUID = 1L;
        final String id;
        final Customer customer;
        final List<Line> lines = new ArrayList<>();
        final Map<String, String> notes = new LinkedHashMap<>();

        Cart(String id, Customer customer) {
            this.id = id;
            this.customer = customer;
        }
    }

    record Customer(String name, String email) implements Serializable {
    }

    record Line(Product product, int quantity) implements Serializable {
    }

    record Product(String sku, String title, BigDecimal price) implements Serializable {
    }
}
