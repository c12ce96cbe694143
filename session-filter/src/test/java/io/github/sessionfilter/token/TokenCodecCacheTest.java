package io.github.sessionfilter.token;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The verified-token cache may make a token cheaper to check again, never easier to get accepted. */
class TokenCodecCacheTest {

    private static final Instant NOW = Instant.parse("2030-06-01T12:00:00Z");
    private static final SecureRandom RANDOM = new SecureRandom();

    private final MovableClock clock = new MovableClock(NOW);
    private final String keys = "k1:" + secret();

    private static String secret() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static String sessionId() {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private TokenCodec codec(int capacity) {
        return new TokenCodec(SigningKeys.parse(keys, TokenAlgorithm.HS256), TokenAlgorithm.HS256,
                "https://shop.example/", "session-filter:shop", Duration.ofHours(8), clock, capacity);
    }

    @Test
    void verify_acceptedTokenAgain_returnsTheSameResult() {
        TokenCodec codec = codec(100);
        String token = codec.issue(sessionId(), NOW.plusSeconds(600));

        VerifiedToken first = codec.verify(token).orElseThrow();

        assertEquals(Optional.of(first), codec.verify(token));
        assertEquals(0, codec.rejectedTokens());
    }

    @Test
    void verify_acceptedTokenAfterItExpired_isRejectedEveryTime() {
        TokenCodec codec = codec(100);
        String token = codec.issue(sessionId(), NOW.plusSeconds(600));
        codec.verify(token).orElseThrow();

        clock.set(NOW.plusSeconds(599));
        assertTrue(codec.verify(token).isPresent(), "one second before expiry");
        clock.set(NOW.plusSeconds(600));
        assertEquals(Optional.empty(), codec.verify(token));
        assertEquals(Optional.empty(), codec.verify(token));
        assertEquals(2, codec.rejectedTokens());
    }

    @Test
    void verify_tokenFromAnotherCodecWithTheSameTextButOtherKeys_isRejected() {
        TokenCodec ours = codec(100);
        String token = ours.issue(sessionId(), NOW.plusSeconds(600));
        ours.verify(token).orElseThrow();

        TokenCodec rotated = new TokenCodec(SigningKeys.parse("k1:" + secret(), TokenAlgorithm.HS256),
                TokenAlgorithm.HS256, "https://shop.example/", "session-filter:shop", Duration.ofHours(8), clock, 100);

        assertEquals(Optional.empty(), rotated.verify(token), "the cache belongs to one codec, not to the JVM");
    }

    @Test
    void verify_rejectedToken_isNotRememberedAndIsCheckedInFullEachTime() {
        TokenCodec codec = codec(100);
        String token = codec.issue(sessionId(), NOW.plusSeconds(600));
        String altered = token.substring(0, token.length() - 2) + (token.charAt(token.length() - 2) == 'A' ? 'B' : 'A')
                + token.charAt(token.length() - 1);

        for (int i = 0; i < 3; i++) {
            assertEquals(Optional.empty(), codec.verify(altered));
        }

        assertEquals(3, codec.rejectedTokens());
        assertTrue(codec.verify(token).isPresent(), "the original still verifies");
    }

    @Test
    void verify_tokenNotYetValidThenValid_isAcceptedOnlyOnceItIs() {
        // issued 60 s in the future (beyond the 30 s skew): rejected now, not cached, accepted later
        TokenCodec issuer = new TokenCodec(SigningKeys.parse(keys, TokenAlgorithm.HS256), TokenAlgorithm.HS256,
                "https://shop.example/", "session-filter:shop", Duration.ofHours(8),
                Clock.fixed(NOW.plusSeconds(60), ZoneOffset.UTC), 100);
        String token = issuer.issue(sessionId(), NOW.plusSeconds(600));
        TokenCodec codec = codec(100);

        assertEquals(Optional.empty(), codec.verify(token));
        clock.set(NOW.plusSeconds(31));
        assertTrue(codec.verify(token).isPresent());
    }

    @Test
    void cache_manyDistinctTokens_staysWithinItsCapacity() {
        VerifiedTokenCache cache = new VerifiedTokenCache(16);
        VerifiedToken verified = new VerifiedToken(sessionId(), NOW, NOW.plusSeconds(60));

        for (int i = 0; i < 1_000; i++) {
            cache.put("token-" + i, verified);
        }

        assertTrue(cache.size() <= 16, "size " + cache.size());
        assertEquals(verified, cache.get("token-999"), "the newest are kept");
    }

    @Test
    void cache_tokenInUse_survivesOtherTokensFillingIt() {
        VerifiedTokenCache cache = new VerifiedTokenCache(16);
        VerifiedToken verified = new VerifiedToken(sessionId(), NOW, NOW.plusSeconds(60));
        cache.put("hot", verified);

        for (int i = 0; i < 1_000; i++) {
            cache.put("token-" + i, verified);
            assertEquals(verified, cache.get("hot"), "after " + i);
        }
    }

    @Test
    void verify_fromManyThreads_acceptsOursAndRejectsAlteredOnes() throws Exception {
        TokenCodec codec = codec(8); // small: retirements happen while threads read
        List<String> tokens = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            tokens.add(codec.issue(sessionId(), NOW.plusSeconds(600)));
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Integer>> results = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int offset = t;
                results.add(pool.submit(() -> {
                    int accepted = 0;
                    for (int i = 0; i < 2_000; i++) {
                        String token = tokens.get((i + offset) % tokens.size());
                        String expected = codec.verify(token).orElseThrow().sessionId();
                        String[] parts = token.split("\\.");
                        assertEquals(expected, new String(Base64.getUrlDecoder().decode(parts[1])).replaceAll(
                                ".*\"sub\":\"([^\"]+)\".*", "$1"));
                        accepted++;
                        assertEquals(Optional.empty(), codec.verify(parts[0] + "." + parts[1] + ".AAAA" + parts[2].substring(4)));
                    }
                    return accepted;
                }));
            }
            for (Future<Integer> result : results) {
                assertEquals(2_000, result.get(60, TimeUnit.SECONDS));
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(8_000, codec.rejectedTokens());
    }

    private static final class MovableClock extends Clock {
        private volatile Instant now;

        MovableClock(Instant now) {
            this.now = now;
        }

        void set(Instant instant) {
            now = instant;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
