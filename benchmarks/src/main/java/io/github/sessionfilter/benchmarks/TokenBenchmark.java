package io.github.sessionfilter.benchmarks;

import io.github.sessionfilter.token.SigningKeys;
import io.github.sessionfilter.token.TokenAlgorithm;
import io.github.sessionfilter.token.TokenCodec;
import io.github.sessionfilter.token.VerifiedToken;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The token check on the request path: a token this instance has verified before (every request of a
 * session after its first), a token it has never seen (the first request of a session on this instance,
 * e.g. after a scale-out), a forged one, and issuing a token (new session, login).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Thread)
public class TokenBenchmark {

    /** More distinct tokens than any verified-token cache holds, so "new" never hits one. */
    private static final int NEW_TOKENS = 1 << 17;

    private TokenCodec codec;
    private String seenToken;
    private String forgedToken;
    private String[] newTokens;
    private int next;
    private final SecureRandom random = new SecureRandom();

    @Setup(Level.Trial)
    public void setUp() {
        byte[] secret = new byte[32];
        random.nextBytes(secret);
        String keys = "k1:" + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        codec = new TokenCodec(SigningKeys.parse(keys, TokenAlgorithm.HS256), TokenAlgorithm.HS256,
                "https://shop.example/", "session-filter:shop", Duration.ofHours(8), Clock.systemUTC());
        Instant expiry = Instant.now().plus(Duration.ofHours(8)).minusSeconds(60);
        seenToken = codec.issue(sessionId(), expiry);
        codec.verify(seenToken).orElseThrow();
        char[] chars = seenToken.toCharArray();
        int last = chars.length - 2; // change the signature, keep it canonical base64url
        chars[last] = chars[last] == 'A' ? 'B' : 'A';
        forgedToken = new String(chars);
        newTokens = new String[NEW_TOKENS];
        for (int i = 0; i < NEW_TOKENS; i++) {
            newTokens[i] = codec.issue(sessionId(), expiry);
        }
    }

    private String sessionId() {
        byte[] id = new byte[24];
        random.nextBytes(id);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(id);
    }

    @Benchmark
    public Optional<VerifiedToken> verifySeenBefore() {
        return codec.verify(seenToken);
    }

    @Benchmark
    public Optional<VerifiedToken> verifyNew() {
        String token = newTokens[next];
        next = (next + 1) & (NEW_TOKENS - 1);
        return codec.verify(token);
    }

    @Benchmark
    public Optional<VerifiedToken> verifyForged() {
        return codec.verify(forgedToken);
    }

    @Benchmark
    public String issue() {
        return codec.issue(sessionId(), Instant.now().plus(Duration.ofHours(1)));
    }
}
