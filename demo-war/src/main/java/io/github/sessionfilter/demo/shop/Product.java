package io.github.sessionfilter.demo.shop;

import java.util.Locale;

/** Something the club sells. Prices are in euro cents. */
public record Product(String code, String name, long priceCents) {

    public String price() {
        return formatCents(priceCents);
    }

    public static String formatCents(long cents) {
        return String.format(Locale.ROOT, "€%d.%02d", cents / 100, cents % 100);
    }
}
