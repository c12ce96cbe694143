package io.github.sessionfilter.demo.shop;

import java.util.List;
import java.util.Optional;

/** The fixed list of products. Carts hold product codes, never products, so a price change reaches every cart. */
public final class Catalog {
    private static final List<Product> PRODUCTS = List.of(
            new Product("assam", "Assam breakfast tea, 100 g", 650),
            new Product("darjeeling", "Darjeeling first flush, 50 g", 1200),
            new Product("sencha", "Sencha green tea, 100 g", 890),
            new Product("rooibos", "Rooibos vanilla, 100 g", 540),
            new Product("mug", "Enamel club mug", 900));

    private Catalog() {
    }

    public static List<Product> all() {
        return PRODUCTS;
    }

    public static Optional<Product> find(String code) {
        return PRODUCTS.stream().filter(p -> p.code().equals(code)).findFirst();
    }
}
