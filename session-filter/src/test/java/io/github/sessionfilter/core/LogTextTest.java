package io.github.sessionfilter.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class LogTextTest {
    @Test
    void lineBreaksFromRedis_cannotForgeALogLine() {
        String forged = LogText.printable("cart\nSEVERE: admin logged in\r\u2028x\u0085");
        assertFalse(forged.contains("\n") || forged.contains("\r") || forged.contains("\u2028") || forged.contains("\u0085"));
        assertEquals("cart\\u000aSEVERE: admin logged in\\u000d\\u2028x\\u0085", forged);
    }

    @Test
    void ordinaryText_isUnchanged_andLongTextIsCut() {
        assertEquals("com.example.Cart – ünïcode", LogText.printable("com.example.Cart – ünïcode"));
        String cut = LogText.printable("x".repeat(5_000));
        assertTrue(cut.length() <= 301 && cut.endsWith("…"), cut.length() + "");
        assertEquals("null", LogText.printable(null));
    }
}
