package io.github.sessionfilter.containers.shared;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * A session attribute both test apps keep, the javax one ({@code legacyapp}) and the Jakarta one
 * ({@code jakartaapp}): it names no servlet type, so the same class file goes into both apps' {@code WEB-INF/classes}
 * and the bytes one writes into Redis the other reads. The apps change it in place, without {@code setAttribute}.
 */
public final class Basket implements Serializable {
    private static final long serialVersionUID = 1L;

    private final ArrayList<String> items = new ArrayList<>();

    public void add(String item) {
        items.add(item);
    }

    public List<String> items() {
        return List.copyOf(items);
    }

    @Override
    public String toString() {
        return String.join(",", items);
    }
}
