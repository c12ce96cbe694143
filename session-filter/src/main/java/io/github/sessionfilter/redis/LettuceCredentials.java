package io.github.sessionfilter.redis;

import io.lettuce.core.RedisConnectionException;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * Adapts a {@link CredentialsSource} to Lettuce's credentials provider, which Lettuce asks during the handshake of
 * every connection, including every reconnect. The provider runs on the filter's own credentials
 * thread, never on a Netty I/O thread, because it may block (an HTTP call for an IAM token).
 */
final class LettuceCredentials implements io.lettuce.core.RedisCredentialsProvider {
    private final CredentialsSource provider;
    private final Scheduler scheduler;
    private final Duration timeout;

    LettuceCredentials(CredentialsSource provider, ExecutorService thread, Duration timeout) {
        this.provider = provider;
        this.scheduler = Schedulers.fromExecutorService(thread, "session-filter-redis-credentials");
        this.timeout = timeout;
    }

    @Override
    public Mono<io.lettuce.core.RedisCredentials> resolveCredentials() {
        return Mono.fromCallable(this::fetch).subscribeOn(scheduler).timeout(timeout);
    }

    private io.lettuce.core.RedisCredentials fetch() {
        String name = provider.description();
        CredentialsSource.Credentials credentials;
        try {
            credentials = provider.credentials();
        } catch (Exception e) {
            throw new RedisConnectionException("the credentials provider " + name + " failed: " + e, e);
        }
        if (credentials == null) {
            throw new RedisConnectionException("the credentials provider " + name + " returned no credentials");
        }
        return io.lettuce.core.RedisCredentials.just(credentials.username(), credentials.password());
    }
}
