package io.github.sessionfilter.redis;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.Delay;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * The Lettuce settings that make a request fail fast instead of hanging while Redis is away, and make
 * the client heal by itself when it is back:
 * <ul>
 *   <li>every command times out after the configured timeout;</li>
 *   <li>while disconnected, commands are rejected at once instead of being buffered;</li>
 *   <li>at most {@value #REQUEST_QUEUE_SIZE} commands wait on a connection; more are rejected at once,
 *       so a stalled server cannot pile up memory or threads;</li>
 *   <li>the client reconnects by itself, retrying at least every {@link #MAX_RECONNECT_DELAY} (Lettuce's
 *       default backs off to 30 s, which would turn a 10 s outage into a 30 s one);</li>
 *   <li>TCP keepalive with short idle and interval times ({@link #KEEPALIVE_IDLE},
 *       {@link #KEEPALIVE_INTERVAL}, {@link #KEEPALIVE_COUNT} probes) where the transport supports it,
 *       so an idle connection to a vanished host is dropped by the kernel within about half a minute.
 *       A connection with commands in flight is watched by {@link SilentConnectionDetector}.</li>
 * </ul>
 * Works for any {@link ClientOptions.Builder}, so a cluster client can use it too.
 */
final class ResilientClientOptions {
    static final int REQUEST_QUEUE_SIZE = 1024;
    static final Duration MAX_RECONNECT_DELAY = Duration.ofSeconds(1);
    static final Duration KEEPALIVE_IDLE = Duration.ofSeconds(10);
    static final Duration KEEPALIVE_INTERVAL = Duration.ofSeconds(5);
    static final int KEEPALIVE_COUNT = 3;

    private ResilientClientOptions() {
    }

    /** Applies the fail-fast options to {@code builder} and returns it. */
    static <B extends ClientOptions.Builder> B apply(B builder, Duration timeout) {
        builder.autoReconnect(true)
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .requestQueueSize(REQUEST_QUEUE_SIZE)
                .timeoutOptions(TimeoutOptions.enabled(timeout))
                .socketOptions(socketOptions(timeout));
        return builder;
    }

    static SocketOptions socketOptions(Duration connectTimeout) {
        return SocketOptions.builder()
                .connectTimeout(connectTimeout)
                .keepAlive(SocketOptions.KeepAliveOptions.builder()
                        .enable()
                        .idle(KEEPALIVE_IDLE)
                        .interval(KEEPALIVE_INTERVAL)
                        .count(KEEPALIVE_COUNT)
                        .build())
                .build();
    }

    /**
     * Client resources owned by one client (shut them down after the client) whose reconnect delay
     * grows from 10 ms to at most {@link #MAX_RECONNECT_DELAY}, with jitter so that many instances do
     * not reconnect in lock step.
     */
    static ClientResources clientResources() {
        return ClientResources.builder()
                .reconnectDelay(Delay.equalJitter(Duration.ofMillis(10), MAX_RECONNECT_DELAY, 10, TimeUnit.MILLISECONDS))
                .build();
    }
}
