package io.github.sessionfilter.demo.shop;

import java.io.IOException;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A shopping cart: product codes and quantities, in the order they were first added. It lives in the
 * session as one mutable object and is changed in place, the way legacy code does it: the servlet calls
 * {@code setAttribute("cart", ...)} once, then only {@code ((Cart) session.getAttribute("cart")).add(...)}.
 */
public final class Cart implements Serializable {
    private static final long serialVersionUID = 1L;

    /** More than this of one product is surely a typo. */
    public static final int MAX_QUANTITY = 99;

    private final LinkedHashMap<String, Integer> quantities = new LinkedHashMap<>();

    /** Adds {@code quantity} (at least 1) of a product; a line never exceeds {@link #MAX_QUANTITY}. */
    public synchronized void add(String productCode, int quantity) {
        if (quantity < 1) {
            throw new IllegalArgumentException("quantity must be at least 1, was " + quantity);
        }
        quantities.merge(productCode, quantity, (old, added) -> Math.min(MAX_QUANTITY, old + added));
    }

    /** Removes the whole line; returns whether there was one. */
    public synchronized boolean remove(String productCode) {
        return quantities.remove(productCode) != null;
    }

    public synchronized int quantityOf(String productCode) {
        return quantities.getOrDefault(productCode, 0);
    }

    /** A snapshot of the lines, product code to quantity, in the order they were added. */
    public synchronized Map<String, Integer> lines() {
        return Collections.unmodifiableMap(new LinkedHashMap<>(quantities));
    }

    public synchronized int totalQuantity() {
        return quantities.values().stream().mapToInt(Integer::intValue).sum();
    }

    public synchronized boolean isEmpty() {
        return quantities.isEmpty();
    }

    // Serialized under the same lock as every change, so a concurrent add never yields a torn copy.
    private synchronized void writeObject(ObjectOutputStream out) throws IOException {
        out.defaultWriteObject();
    }

    @Override
    public synchronized String toString() {
        return "Cart" + quantities;
    }
}
