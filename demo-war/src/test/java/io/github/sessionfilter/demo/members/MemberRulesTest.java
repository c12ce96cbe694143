package io.github.sessionfilter.demo.members;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class MemberRulesTest {

    @Test
    void normalizeUsername_trimsAndLowercases() {
        assertEquals("alice", MemberRules.normalizeUsername("  Alice "));
    }

    @Test
    void checkUsername_acceptsPlainNames_rejectsOthers() {
        assertNull(MemberRules.checkUsername("alice.b-c_1"));
        assertNotNull(MemberRules.checkUsername(""));
        assertNotNull(MemberRules.checkUsername("al"));
        assertNotNull(MemberRules.checkUsername("a".repeat(31)));
        assertNotNull(MemberRules.checkUsername("<script>"));
        assertNotNull(MemberRules.checkUsername("al ice"));
    }

    @Test
    void checkDisplayName_limitsLengthAndControlCharacters() {
        assertNull(MemberRules.checkDisplayName("Zoë <the> \"tea\" lover"));
        assertNull(MemberRules.checkDisplayName("🍵".repeat(60)));
        assertNotNull(MemberRules.checkDisplayName(""));
        assertNotNull(MemberRules.checkDisplayName("x".repeat(61)));
        assertNotNull(MemberRules.checkDisplayName("line\nbreak"));
    }

    @Test
    void checkPassword_needsLengthAndMustDifferFromUsername() {
        assertNull(MemberRules.checkPassword("long enough!", "alice"));
        assertNotNull(MemberRules.checkPassword("short", "alice"));
        assertNotNull(MemberRules.checkPassword("aliceinwonder", "aliceinwonder"));
        assertNotNull(MemberRules.checkPassword("x".repeat(201), "alice"));
    }
}
