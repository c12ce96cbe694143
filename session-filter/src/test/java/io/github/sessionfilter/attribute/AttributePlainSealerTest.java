package io.github.sessionfilter.attribute;

import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;

class AttributePlainSealerTest {

    @Test
    void none_sealsAndOpensToTheSameBytes() {
        byte[] bytes = {1, 2, 3};

        assertSame(bytes, AttributeSealer.none().seal("s", "a", bytes));
        assertSame(bytes, AttributeSealer.none().open("s", "a", bytes));
    }
}
