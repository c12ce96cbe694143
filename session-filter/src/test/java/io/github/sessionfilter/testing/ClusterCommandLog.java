package io.github.sessionfilter.testing;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * {@link RedisCommandLog} over several nodes (the primaries of a cluster): the data commands clients
 * sent to any of them during an action. Topology bookkeeping of the cluster client (CLUSTER NODES,
 * INFO, CLIENT, PING ...) is left out: it is periodic background work, not a request's round trip.
 */
public final class ClusterCommandLog implements AutoCloseable {
    private static final Set<String> BACKGROUND = Set.of("cluster", "info", "client", "ping", "hello", "command",
            "readonly", "readwrite", "auth", "select", "quit");

    private final List<RedisCommandLog> logs = new ArrayList<>();

    public ClusterCommandLog(List<Integer> ports) {
        for (int port : ports) {
            logs.add(new RedisCommandLog("127.0.0.1", port));
        }
    }

    public List<String> commandsDuring(RedisCommandLog.ThrowingRunnable action) throws Exception {
        List<String> all = new ArrayList<>();
        RedisCommandLog.ThrowingRunnable wrapped = action;
        for (RedisCommandLog log : logs) {
            RedisCommandLog.ThrowingRunnable inner = wrapped;
            wrapped = () -> all.addAll(log.commandsDuring(inner));
        }
        wrapped.run();
        return all.stream().filter(c -> !BACKGROUND.contains(c)).toList();
    }

    @Override
    public void close() throws IOException {
        for (RedisCommandLog log : logs) {
            log.close();
        }
    }
}
