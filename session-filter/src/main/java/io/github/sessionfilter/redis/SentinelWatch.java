package io.github.sessionfilter.redis;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Listens to every Sentinel for the failover events of our master and moves the connection as early as
 * it is safe:
 * <ul>
 *   <li>{@code +try-failover}: a failover starts; the {@link FailoverFence} holds commands back, so no
 *       write reaches the old primary after its replica may have been promoted;</li>
 *   <li>{@code +promoted-slave} (from the Sentinel leading the failover, which from then on names the new
 *       primary) and {@code +switch-master} (from every Sentinel, at the end): reconnect through that
 *       Sentinel, then open the fence;</li>
 *   <li>{@code -failover-abort-*}: the primary stays; open the fence.</li>
 * </ul>
 * Without these events (a Sentinel unreachable) the connection still moves when a command meets {@code READONLY}.
 */
final class SentinelWatch implements AutoCloseable {
    private static final Logger LOG = System.getLogger(SentinelWatch.class.getName());
    private static final String[] CHANNELS = {"+try-failover", "+promoted-slave", "+switch-master", "+failover-end",
        "-failover-abort-*"};

    private final RedisClient client;
    private final RedisURI uri;
    private final String masterId;
    private final FailoverFence fence;
    private final Mover mover;
    private final List<StatefulRedisPubSubConnection<String, String>> subscriptions = new CopyOnWriteArrayList<>();
    private volatile String movingTo;
    private volatile String movedTo;
    private volatile boolean closed;

    /** Moves the shared connection to the primary a Sentinel just announced. */
    interface Mover {
        /**
         * Reconnects, asking {@code sentinel} first for the primary's address, and runs {@code whenConnected}
         * once the new connection is open.
         */
        void moveTo(RedisURI sentinel, String reason, Runnable whenConnected);
    }

    SentinelWatch(RedisClient client, RedisURI uri, FailoverFence fence, Mover mover) {
        this.client = client;
        this.uri = uri;
        this.masterId = uri.getSentinelMasterId();
        this.fence = fence;
        this.mover = mover;
    }

    void start() {
        for (RedisURI sentinel : uri.getSentinels()) {
            client.connectPubSubAsync(StringCodec.UTF8, sentinel).whenComplete((pubSub, failure) -> {
                if (failure != null) {
                    LOG.log(Level.WARNING, "Cannot watch the Sentinel at {0} for failovers ({1}); a READONLY reply still "
                            + "moves the connection to the new primary", address(sentinel), failure.getMessage());
                    return;
                }
                if (closed) {
                    pubSub.closeAsync();
                    return;
                }
                pubSub.addListener(new RedisPubSubAdapter<>() {
                    @Override
                    public void message(String pattern, String channel, String message) {
                        onEvent(sentinel, channel, message);
                    }
                });
                pubSub.async().psubscribe(CHANNELS);
                subscriptions.add(pubSub);
            });
        }
    }

    private void onEvent(RedisURI sentinel, String channel, String message) {
        String[] words = message.split(" ");
        if (channel.equals("+switch-master")) {
            // "<master> <old ip> <old port> <new ip> <new port>"
            if (words.length == 5 && words[0].equals(masterId)) {
                moveTo(sentinel, words[3] + ":" + words[4], "+switch-master");
            }
        } else if (channel.equals("+promoted-slave")) {
            // "slave <ip:port> <ip> <port> @ <master> <master ip> <master port>"
            if (words.length >= 6 && words[4].equals("@") && words[5].equals(masterId)) {
                moveTo(sentinel, words[2] + ":" + words[3], "+promoted-slave");
            }
        } else if (words.length >= 2 && words[0].equals("master") && words[1].equals(masterId)) {
            // "master <name> <ip> <port>"
            if (channel.equals("+try-failover")) {
                movingTo = null;
                movedTo = null;
                fence.close("the Sentinel at " + address(sentinel) + " started a failover of " + masterId);
            } else if (channel.startsWith("-failover-abort")) {
                fence.open("the failover was aborted (" + channel + ")");
            } else if (channel.equals("+failover-end") && movedTo != null) {
                fence.open("the failover ended");
            }
        }
    }

    private void moveTo(RedisURI sentinel, String newPrimary, String event) {
        if (newPrimary.equals(movedTo)) {
            fence.open(event + ": already connected to " + newPrimary);
            return;
        }
        if (newPrimary.equals(movingTo)) {
            return;
        }
        movingTo = newPrimary;
        mover.moveTo(sentinel, event + " from the Sentinel at " + address(sentinel) + ": new primary " + newPrimary, () -> {
            movedTo = newPrimary;
            fence.open("connected to the new primary " + newPrimary);
        });
    }

    private static String address(RedisURI sentinel) {
        return sentinel.getHost() + ":" + sentinel.getPort();
    }

    @Override
    public void close() {
        closed = true;
        subscriptions.forEach(StatefulRedisPubSubConnection::close);
    }
}
