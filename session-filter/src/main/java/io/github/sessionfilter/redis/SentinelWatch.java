package io.github.sessionfilter.redis;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
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
 * Without these events (a Sentinel unreachable) the link still moves when a command meets {@code READONLY}.
 */
final class SentinelWatch implements AutoCloseable {
    private static final Logger LOG = System.getLogger(SentinelWatch.class.getName());
    private static final String[] CHANNELS = {"+try-failover", "+promoted-slave", "+switch-master", "+failover-end",
        "-failover-abort-*"};

    private final RedisClient client;
    private final RedisURI uri;
    private final String masterId;
    private final FailoverFence fence;
    private final StandaloneLink link;
    private final List<StatefulRedisPubSubConnection<String, String>> subscriptions = new CopyOnWriteArrayList<>();
    private volatile String movedTo;
    private volatile boolean closed;

    SentinelWatch(RedisClient client, RedisURI uri, FailoverFence fence, StandaloneLink link) {
        this.client = client;
        this.uri = uri;
        this.masterId = uri.getSentinelMasterId();
        this.fence = fence;
        this.link = link;
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
        link.replace(event + " from the Sentinel at " + address(sentinel) + ": new primary " + newPrimary,
                preferring(sentinel), () -> {
                    movedTo = newPrimary;
                    fence.open("connected to the new primary " + newPrimary);
                });
    }

    /** The same URI with the given Sentinel asked first: the one that announced the new primary knows it. */
    private RedisURI preferring(RedisURI sentinel) {
        RedisURI copy = new RedisURI();
        copy.setSentinelMasterId(masterId);
        List<RedisURI> sentinels = new ArrayList<>(uri.getSentinels());
        sentinels.remove(sentinel);
        sentinels.add(0, sentinel);
        copy.getSentinels().addAll(sentinels);
        copy.applyAuthentication(uri);
        copy.applySsl(uri);
        copy.setTimeout(uri.getTimeout());
        copy.setDatabase(uri.getDatabase());
        if (uri.getClientName() != null) {
            copy.setClientName(uri.getClientName());
        }
        return copy;
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
