package io.github.sessionfilter.demo.members;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import org.junit.jupiter.api.Test;

class PasswordHasherTest {
    // One instance: each one hashes a decoy password when built, which costs as much as a login.
    private static final PasswordHasher HASHER = new PasswordHasher();

    @Test
    void matches_samePassword_true() {
        String stored = HASHER.hash("correct horse battery");
        assertTrue(HASHER.matches("correct horse battery", stored));
    }

    @Test
    void matches_wrongPassword_false() {
        String stored = HASHER.hash("correct horse battery");
        assertFalse(HASHER.matches("correct horse batterY", stored));
        assertFalse(HASHER.matches("", stored));
    }

    @Test
    void hash_samePasswordTwice_differsBySalt() {
        String first = HASHER.hash("same password here");
        String second = HASHER.hash("same password here");
        assertNotEquals(first, second);
        assertTrue(HASHER.matches("same password here", first));
        assertTrue(HASHER.matches("same password here", second));
    }

    @Test
    void hash_recordsSchemeIterationsSaltAndHash() {
        String[] parts = HASHER.hash("a password of mine").split("\\$");
        assertEquals(4, parts.length);
        assertEquals("pbkdf2-sha256", parts[0]);
        assertTrue(Integer.parseInt(parts[1]) >= 210_000, "iterations: " + parts[1]);
        assertEquals(16, Base64.getDecoder().decode(parts[2]).length);
        assertEquals(32, Base64.getDecoder().decode(parts[3]).length);
        assertFalse(String.join("$", parts).contains("a password of mine"));
    }

    @Test
    void matches_unknownUser_falseWithoutError() {
        assertFalse(HASHER.matches("anything at all", null));
    }

    @Test
    void matches_unreadableStoredValue_false() {
        assertFalse(HASHER.matches("pw", "plain-text-password"));
        assertFalse(HASHER.matches("pw", "pbkdf2-sha256$notanumber$AAAA$AAAA"));
        assertFalse(HASHER.matches("pw", "pbkdf2-sha256$0$AAAA$AAAA"));
        assertFalse(HASHER.matches("pw", "pbkdf2-sha256$1000$!!!$AAAA"));
        assertFalse(HASHER.matches("pw", "md5$1000$AAAA$AAAA"));
    }

    @Test
    void matches_hashStoredWithOtherIterationCount_usesTheStoredCount() throws Exception {
        byte[] salt = "sixteen byte slt".getBytes(StandardCharsets.US_ASCII);
        byte[] hash = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256")
                .generateSecret(new PBEKeySpec("older account".toCharArray(), salt, 1_000, 256)).getEncoded();
        String stored = "pbkdf2-sha256$1000$" + Base64.getEncoder().encodeToString(salt) + "$"
                + Base64.getEncoder().encodeToString(hash);
        assertTrue(HASHER.matches("older account", stored));
        assertFalse(HASHER.matches("older accounT", stored));
    }
}
