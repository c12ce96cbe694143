package io.github.sessionfilter.web;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class LockedPathsTest {

    @Test
    void offAndAll_areTheNamedConstants() {
        assertSame(LockedPaths.NONE, LockedPaths.parse("off"));
        assertSame(LockedPaths.NONE, LockedPaths.parse(" OFF "));
        assertSame(LockedPaths.ALL, LockedPaths.parse("all"));
        assertTrue(LockedPaths.NONE.isOff());
        assertFalse(LockedPaths.NONE.matches("/anything"));
        assertTrue(LockedPaths.ALL.matches("/anything"));
    }

    @Test
    void patterns_matchLikeServletMappings() {
        LockedPaths paths = LockedPaths.parse("/cart/*, *.do, /checkout");
        assertTrue(paths.matches("/cart"));
        assertTrue(paths.matches("/cart/add"));
        assertTrue(paths.matches("/cart/items/3"));
        assertFalse(paths.matches("/cartoon"));
        assertTrue(paths.matches("/orders/save.do"));
        assertFalse(paths.matches("/orders/save.dot"));
        assertFalse(paths.matches("/do"));
        assertTrue(paths.matches("/checkout"));
        assertFalse(paths.matches("/checkout/confirm"));
        assertFalse(paths.matches("/"));
    }

    @Test
    void slashStar_locksEverything() {
        assertTrue(LockedPaths.parse("/*").matches("/"));
        assertTrue(LockedPaths.parse("/*").matches("/a/b"));
    }

    @Test
    void malformedPatterns_areRefused() {
        for (String bad : new String[] {"cart", "/cart*", "/*/x", "*.", "*.d/o", "**.do"}) {
            assertThrows(IllegalArgumentException.class, () -> LockedPaths.parse(bad), bad);
        }
    }
}
