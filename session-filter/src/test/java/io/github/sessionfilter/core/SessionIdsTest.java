package io.github.sessionfilter.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Base64;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Session ids carry at least 128 bits of entropy. Entropy cannot be proven by sampling; these tests
 * catch the mistakes that matter (too short, a fixed or counter-like part, a biased bit, repeats).
 * That the bits come from SecureRandom is in the code ({@link SessionIds}).
 */
class SessionIdsTest {
    private static final int SAMPLES = 20_000;
    private final SessionIds ids = new SessionIds();

    @Test
    void ids_areWellFormed_192BitsOfUrlSafeBase64() {
        for (int i = 0; i < 1000; i++) {
            String id = ids.next();
            assertTrue(SessionIds.isWellFormed(id), id);
            assertEquals(24, Base64.getUrlDecoder().decode(id).length, "192 bits, comfortably over 128");
        }
    }

    @Test
    void ids_neverRepeat() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < SAMPLES; i++) {
            assertTrue(seen.add(ids.next()));
        }
    }

    @Test
    void everyBitPosition_isSetAboutHalfTheTime_soNoPartIsFixedOrCounterLike() {
        int bits = 24 * 8;
        int[] ones = new int[bits];
        for (int i = 0; i < SAMPLES; i++) {
            byte[] raw = Base64.getUrlDecoder().decode(ids.next());
            for (int b = 0; b < bits; b++) {
                if ((raw[b / 8] >> (b % 8) & 1) == 1) {
                    ones[b]++;
                }
            }
        }
        // Binomial(20000, 0.5): standard deviation about 71, so 47%..53% is more than 8 sigmas wide.
        for (int b = 0; b < bits; b++) {
            double share = ones[b] / (double) SAMPLES;
            assertTrue(share > 0.47 && share < 0.53, "bit " + b + " set in " + share + " of ids");
        }
    }

    @Test
    void consecutiveIds_shareNoMoreBitsThanChance() {
        String previous = ids.next();
        long sameBits = 0;
        int pairs = 2000;
        for (int i = 0; i < pairs; i++) {
            String next = ids.next();
            byte[] a = Base64.getUrlDecoder().decode(previous);
            byte[] b = Base64.getUrlDecoder().decode(next);
            for (int j = 0; j < a.length; j++) {
                sameBits += 8 - Integer.bitCount((a[j] ^ b[j]) & 0xFF);
            }
            previous = next;
        }
        double share = sameBits / (double) (pairs * 192L);
        assertTrue(share > 0.48 && share < 0.52, "consecutive ids agree on " + share + " of their bits");
    }

    @Test
    void abbreviation_isShortEnoughToLog() {
        String id = ids.next();
        String shown = SessionIds.abbreviate(id);
        assertTrue(shown.length() <= 7 && id.startsWith(shown.substring(0, 6)), shown);
    }
}
