package io.github.sessionfilter.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.Delay;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ResilientClientOptionsTest {

    @Test
    void commandsFailFast_andCannotPileUp() {
        ClientOptions options = ResilientClientOptions.apply(ClientOptions.builder(), Duration.ofMillis(800)).build();
        assertEquals(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS, options.getDisconnectedBehavior());
        assertEquals(ResilientClientOptions.REQUEST_QUEUE_SIZE, options.getRequestQueueSize());
        assertTrue(options.getRequestQueueSize() <= 10_000, "bounded request queue");
        assertTrue(options.isAutoReconnect());
        assertTrue(options.getTimeoutOptions().isTimeoutCommands());
        assertEquals(Duration.ofMillis(800), options.getSocketOptions().getConnectTimeout());
    }

    @Test
    void keepAlive_usesShortIdleAndInterval() {
        SocketOptions.KeepAliveOptions keepAlive = ResilientClientOptions.socketOptions(Duration.ofSeconds(1)).getKeepAlive();
        assertTrue(keepAlive.isEnabled());
        assertEquals(Duration.ofSeconds(10), keepAlive.getIdle());
        assertEquals(Duration.ofSeconds(5), keepAlive.getInterval());
        assertEquals(3, keepAlive.getCount());
    }

    @Test
    void reconnectDelay_isCappedAtOneSecond() throws Exception {
        ClientResources resources = ResilientClientOptions.clientResources();
        try {
            Delay delay = resources.reconnectDelay();
            for (int attempt = 1; attempt < 40; attempt++) {
                Duration next = delay.createDelay(attempt);
                assertTrue(next.compareTo(Duration.ofSeconds(1)) <= 0, "attempt " + attempt + ": " + next);
            }
        } finally {
            resources.shutdown(0, 1, TimeUnit.SECONDS).get(5, TimeUnit.SECONDS);
        }
    }

    @Test
    void idleProbeInterval_isAtLeastFiveSeconds_andTwiceTheTimeout() {
        assertEquals(Duration.ofSeconds(5), SilentConnectionDetector.probeInterval(Duration.ofSeconds(1)));
        assertEquals(Duration.ofSeconds(8), SilentConnectionDetector.probeInterval(Duration.ofSeconds(4)));
    }
}
