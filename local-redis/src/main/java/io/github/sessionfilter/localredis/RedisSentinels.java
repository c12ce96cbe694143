package io.github.sessionfilter.localredis;

import java.io.File;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;

/**
 * A primary, one or more replicas and three Sentinels as local processes on loopback ports: the shape
 * of a self-managed high-availability Redis (and of the failover of Memorystore's Standard tier). The
 * Sentinels monitor the primary under the name {@link #MASTER_ID}.
 */
public final class RedisSentinels implements AutoCloseable {
    /** The name under which the Sentinels know the primary. */
    public static final String MASTER_ID = "mymaster";
    private static final Duration SETTLE = Duration.ofSeconds(60);

    private final List<RedisProcess> dataNodes;
    private final List<RedisProcess> sentinels;

    private RedisSentinels(List<RedisProcess> dataNodes, List<RedisProcess> sentinels) {
        this.dataNodes = dataNodes;
        this.sentinels = sentinels;
    }

    /**
     * Starts the primary and {@code replicas} replicas (all with {@code dataArgs}, so the roles can swap)
     * and three Sentinels (quorum 2), and waits until every Sentinel knows the replicas and the other
     * Sentinels, so a failover can start at once.
     */
    public static RedisSentinels start(int replicas, String... dataArgs) {
        File binary = RedisBinary.find();
        List<RedisProcess> started = new ArrayList<>();
        try {
            RedisProcess primary = RedisProcess.start(binary, FreePort.find(), dataArgs);
            started.add(primary);
            List<String> replicaArgs = new ArrayList<>(Arrays.asList(dataArgs));
            replicaArgs.addAll(List.of("--replicaof", "127.0.0.1", String.valueOf(primary.port())));
            for (int i = 0; i < replicas; i++) {
                started.add(RedisProcess.start(binary, FreePort.find(), replicaArgs.toArray(new String[0])));
            }
            List<RedisProcess> dataNodes = List.copyOf(started);
            List<RedisProcess> sentinels = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                String config = String.join("\n",
                        "sentinel monitor " + MASTER_ID + " 127.0.0.1 " + primary.port() + " 2",
                        "sentinel down-after-milliseconds " + MASTER_ID + " 3000",
                        "sentinel failover-timeout " + MASTER_ID + " 20000",
                        "sentinel parallel-syncs " + MASTER_ID + " 1", "");
                RedisProcess sentinel = RedisProcess.startSentinel(binary, FreePort.find(), config);
                started.add(sentinel);
                sentinels.add(sentinel);
            }
            RedisSentinels group = new RedisSentinels(dataNodes, List.copyOf(sentinels));
            group.awaitReady();
            System.out.println("[local-redis] started primary :" + primary.port() + ", replicas "
                    + dataNodes.subList(1, dataNodes.size()).stream().map(RedisProcess::port).toList()
                    + " and Sentinels " + group.sentinelPorts() + " (" + RedisBinary.describe(binary) + ")");
            return group;
        } catch (RuntimeException e) {
            started.forEach(RedisProcess::stop);
            throw e;
        }
    }

    private void awaitReady() {
        await("the replicas in sync and every Sentinel knowing the replicas and the other Sentinels", () -> {
            for (RedisProcess replica : dataNodes.subList(1, dataNodes.size())) {
                if (!RespClient.once(replica.port(), "INFO", "replication").toString().contains("master_link_status:up")) {
                    return false;
                }
            }
            for (RedisProcess sentinel : sentinels) {
                List<?> replicas = (List<?>) RespClient.once(sentinel.port(), "SENTINEL", "REPLICAS", MASTER_ID);
                List<?> others = (List<?>) RespClient.once(sentinel.port(), "SENTINEL", "SENTINELS", MASTER_ID);
                long healthy = replicas.stream().filter(r -> !r.toString().contains("s_down")
                        && !r.toString().contains("disconnected")).count();
                if (healthy < dataNodes.size() - 1 || others.size() < sentinels.size() - 1) {
                    return false;
                }
            }
            return true;
        });
    }

    /** A Lettuce Sentinel URI naming the three Sentinels and the master id. */
    public String sentinelUri() {
        return "redis-sentinel://" + sentinels.stream().map(s -> "127.0.0.1:" + s.port()).collect(Collectors.joining(","))
                + "/?sentinelMasterId=" + MASTER_ID;
    }

    public List<Integer> sentinelPorts() {
        return sentinels.stream().map(RedisProcess::port).toList();
    }

    /** The data node that the Sentinels currently name as primary. */
    public RedisProcess primary() {
        int port = primaryPortBySentinel(sentinels.get(0));
        return dataNodes.stream().filter(n -> n.port() == port).findFirst().orElseThrow();
    }

    /** Every data node (primary and replicas). */
    public List<RedisProcess> dataNodes() {
        return dataNodes;
    }

    private static int primaryPortBySentinel(RedisProcess sentinel) {
        List<?> address = (List<?>) RespClient.once(sentinel.port(), "SENTINEL", "GET-MASTER-ADDR-BY-NAME", MASTER_ID);
        return Integer.parseInt(address.get(1).toString());
    }

    /**
     * {@code SENTINEL FAILOVER}: promotes the replica without the agreement of the other Sentinels.
     * Returns once every Sentinel names the new primary and it answers as a primary.
     */
    public RedisProcess failover() {
        RedisProcess old = primary();
        RespClient.once(sentinels.get(0).port(), "SENTINEL", "FAILOVER", MASTER_ID);
        await("every Sentinel naming a new primary", () -> {
            int port = primaryPortBySentinel(sentinels.get(0));
            return port != old.port() && sentinels.stream().allMatch(s -> primaryPortBySentinel(s) == port);
        });
        RedisProcess promoted = primary();
        await("the new primary :" + promoted.port() + " answering as a primary", () -> role(promoted).equals("master"));
        return promoted;
    }

    /** Waits until the old primary has been turned into a replica of the new one and is in sync. */
    public void awaitDemoted(RedisProcess oldPrimary) {
        await("the old primary :" + oldPrimary.port() + " demoted and in sync", () -> role(oldPrimary).equals("slave")
                && RespClient.once(oldPrimary.port(), "INFO", "replication").toString().contains("master_link_status:up"));
    }

    /** {@code master} or {@code slave}, from ROLE. */
    public static String role(RedisProcess node) {
        return ((List<?>) RespClient.once(node.port(), "ROLE")).get(0).toString();
    }

    private static void await(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + SETTLE.toNanos();
        RuntimeException last = null;
        while (System.nanoTime() < deadline) {
            try {
                if (condition.getAsBoolean()) {
                    return;
                }
            } catch (RuntimeException e) {
                last = e;
            }
            LocalRedis.sleep(50);
        }
        throw new IllegalStateException("Sentinel: timed out after " + SETTLE.toSeconds() + " s waiting for " + what
                + (last == null ? "" : " (last error: " + last + ")"));
    }

    @Override
    public void close() {
        sentinels.forEach(RedisProcess::stop);
        dataNodes.forEach(RedisProcess::stop);
    }
}
