package io.github.sessionfilter.token;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class TokenAlgorithmTest {

    @Test
    void minimumKeyBytes_matchesRfc7518HashLengths() {
        assertEquals(32, TokenAlgorithm.HS256.minimumKeyBytes());
        assertEquals(48, TokenAlgorithm.HS384.minimumKeyBytes());
        assertEquals(64, TokenAlgorithm.HS512.minimumKeyBytes());
    }

    @Test
    void jwsName_isTheAlgHeaderValue() {
        assertEquals("HS256", TokenAlgorithm.HS256.jwsName());
        assertEquals("HS384", TokenAlgorithm.HS384.jwsName());
        assertEquals("HS512", TokenAlgorithm.HS512.jwsName());
    }

    @Test
    void parse_knownNames_returnsTheAlgorithm() {
        assertEquals(TokenAlgorithm.HS256, TokenAlgorithm.parse("HS256"));
        assertEquals(TokenAlgorithm.HS384, TokenAlgorithm.parse(" HS384 "));
        assertEquals(TokenAlgorithm.HS512, TokenAlgorithm.parse("HS512"));
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"RS256", "ES256", "none", "None", "NONE", "hs256", "HS1", "PS256", "dir"})
    void parse_anythingElse_failsNamingTheAllowedValues(String text) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TokenAlgorithm.parse(text));
        assertTrue(e.getMessage().contains("allowed: HS256, HS384, HS512"), e.getMessage());
    }
}
