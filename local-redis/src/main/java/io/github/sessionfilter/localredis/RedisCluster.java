package io.github.sessionfilter.localredis;

import java.io.File;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;

/**
 * A Redis Cluster of local {@code redis-server} processes on loopback ports, built with plain cluster
 * commands ({@code CLUSTER MEET}, {@code ADDSLOTS}, {@code REPLICATE}) so it works with the embedded
 * Redis 6.2 binary as well as with Redis 7 and without {@code redis-cli}. It also drives the events a
 * managed cluster goes through: a coordinated primary failover and the migration of a slot.
 */
public final class RedisCluster implements AutoCloseable {
    private static final int SLOTS = 16384;
    private static final Duration SETTLE = Duration.ofSeconds(60);

    private final List<Node> nodes;

    private RedisCluster(List<Node> nodes) {
        this.nodes = nodes;
    }

    /** One cluster node: its process and its node id. */
    public record Node(RedisProcess process, String id) {
        public int port() {
            return process.port();
        }

        public RespClient connect() {
            return RespClient.connect(port());
        }

        public Object call(String... command) {
            return RespClient.once(port(), command);
        }

        @Override
        public String toString() {
            return "127.0.0.1:" + port() + " (" + id.substring(0, 8) + ")";
        }
    }

    /**
     * Starts {@code primaries} primaries with {@code replicasPerPrimary} replicas each and waits until
     * every node reports {@code cluster_state:ok}, agrees on the slot owners, and every replica is in sync.
     * Extra arguments go to every node (e.g. an ACL user).
     */
    public static RedisCluster start(int primaries, int replicasPerPrimary, String... extraArgs) {
        File binary = RedisBinary.find();
        List<Node> nodes = new ArrayList<>();
        try {
            int total = primaries * (1 + replicasPerPrimary);
            for (int i = 0; i < total; i++) {
                List<String> args = new ArrayList<>(List.of("--cluster-enabled", "yes",
                        "--cluster-config-file", "nodes.conf", "--cluster-node-timeout", "3000",
                        "--cluster-replica-validity-factor", "0", "--repl-diskless-sync", "yes",
                        "--repl-diskless-sync-delay", "0"));
                args.addAll(Arrays.asList(extraArgs));
                RedisProcess process = RedisProcess.start(binary, FreePort.findWithClusterBus(), args.toArray(new String[0]));
                nodes.add(new Node(process, RespClient.once(process.port(), "CLUSTER", "MYID").toString()));
            }
            RedisCluster cluster = new RedisCluster(List.copyOf(nodes));
            cluster.create(primaries, replicasPerPrimary);
            System.out.println("[local-redis] started a Redis Cluster: " + primaries + " primaries, "
                    + replicasPerPrimary * primaries + " replicas, " + RedisBinary.describe(binary) + ", seed " + cluster.uri());
            return cluster;
        } catch (RuntimeException e) {
            nodes.forEach(n -> n.process().stop());
            throw e;
        }
    }

    private void create(int primaries, int replicasPerPrimary) {
        for (int p = 0; p < primaries; p++) {
            int from = SLOTS * p / primaries;
            int to = SLOTS * (p + 1) / primaries;
            String[] command = new String[2 + to - from];
            command[0] = "CLUSTER";
            command[1] = "ADDSLOTS";
            for (int slot = from; slot < to; slot++) {
                command[2 + slot - from] = String.valueOf(slot);
            }
            nodes.get(p).call(command);
        }
        for (Node node : nodes.subList(1, nodes.size())) {
            nodes.get(0).call("CLUSTER", "MEET", "127.0.0.1", String.valueOf(node.port()));
        }
        await("every node knows every other node", () -> nodes.stream()
                .allMatch(n -> view(n).size() == nodes.size()));
        for (int r = 0; r < primaries * replicasPerPrimary; r++) {
            Node replica = nodes.get(primaries + r);
            Node primary = nodes.get(r % primaries);
            replica.call("CLUSTER", "REPLICATE", primary.id());
        }
        awaitHealthy();
    }

    /** Waits until all nodes report a healthy cluster with one shared view and replicas in sync. */
    public void awaitHealthy() {
        await("cluster_state:ok on every node with one shared view and replicas in sync", () -> {
            List<Map<String, NodeView>> views = new ArrayList<>();
            for (Node node : nodes) {
                if (!node.process().isRunning()) {
                    continue;
                }
                String info = node.call("CLUSTER", "INFO").toString();
                if (!info.contains("cluster_state:ok")) {
                    return false;
                }
                views.add(view(node));
            }
            Map<String, String> roles = roles(views.get(0));
            for (Map<String, NodeView> view : views) {
                if (!roles(view).equals(roles) || view.values().stream().anyMatch(v -> v.flags().contains("fail"))) {
                    return false;
                }
            }
            for (Node node : nodes) {
                if (node.process().isRunning() && "slave".equals(roles.get(node.id()))) {
                    String replication = node.call("INFO", "replication").toString();
                    if (!replication.contains("master_link_status:up")) {
                        return false;
                    }
                }
            }
            return true;
        });
    }

    private static Map<String, String> roles(Map<String, NodeView> view) {
        return view.values().stream().collect(Collectors.toMap(NodeView::id,
                v -> (v.flags().contains("master") ? "master" : "slave") + " " + v.slots()));
    }

    /** The first node's URI (any node works as a seed). */
    public String uri() {
        return nodes.get(0).process().uri();
    }

    public List<Node> nodes() {
        return nodes;
    }

    /** The slot of a key, as the server computes it (hash tags included). */
    public int slot(String key) {
        return ((Long) nodes.get(0).call("CLUSTER", "KEYSLOT", key)).intValue();
    }

    /** The current primaries, as the first running node sees them. */
    public List<Node> primaries() {
        Map<String, NodeView> view = view(anyRunning());
        return nodes.stream().filter(n -> view.get(n.id()).flags().contains("master")).toList();
    }

    /** The primary that currently owns a slot. */
    public Node primaryForSlot(int slot) {
        Map<String, NodeView> view = view(anyRunning());
        return nodes.stream()
                .filter(n -> view.get(n.id()).flags().contains("master") && view.get(n.id()).owns(slot))
                .findFirst().orElseThrow(() -> new IllegalStateException("no primary owns slot " + slot));
    }

    /** A replica of the given primary. */
    public Node replicaOf(Node primary) {
        Map<String, NodeView> view = view(anyRunning());
        return nodes.stream().filter(n -> primary.id().equals(view.get(n.id()).primaryId())).findFirst()
                .orElseThrow(() -> new IllegalStateException(primary + " has no replica"));
    }

    /**
     * A coordinated manual failover ({@code CLUSTER FAILOVER} on the replica): the primary stops
     * accepting writes, the replica catches up, then takes over. Returns when every node sees the
     * replica as the primary and the cluster is healthy again.
     */
    public void failover(Node replica) {
        replica.call("CLUSTER", "FAILOVER");
        await("replica " + replica + " promoted on every node", () -> nodes.stream()
                .filter(n -> n.process().isRunning())
                .allMatch(n -> view(n).get(replica.id()).flags().contains("master")));
        awaitHealthy();
    }

    /**
     * Moves one slot with its keys to another primary, as {@code redis-cli --cluster reshard} does:
     * IMPORTING on the target, MIGRATING on the source, MIGRATE the keys in batches, then assign the
     * slot to the target everywhere. {@code whileMigrating} runs after the first keys moved and
     * before the slot is reassigned, so a test can act while clients see ASK redirects.
     */
    public void migrateSlot(int slot, Node target, Runnable whileMigrating) {
        Node source = primaryForSlot(slot);
        if (source.id().equals(target.id())) {
            throw new IllegalArgumentException("slot " + slot + " already lives on " + target);
        }
        String s = String.valueOf(slot);
        target.call("CLUSTER", "SETSLOT", s, "IMPORTING", source.id());
        source.call("CLUSTER", "SETSLOT", s, "MIGRATING", target.id());
        boolean paused = false;
        try (RespClient client = source.connect()) {
            while (true) {
                @SuppressWarnings("unchecked")
                List<Object> keys = (List<Object>) client.call("CLUSTER", "GETKEYSINSLOT", s, "10");
                if (keys.isEmpty()) {
                    break;
                }
                List<String> command = new ArrayList<>(List.of("MIGRATE", "127.0.0.1", String.valueOf(target.port()),
                        "", "0", "5000", "KEYS"));
                keys.forEach(k -> command.add(k.toString()));
                client.call(command.toArray(new String[0]));
                if (!paused) {
                    paused = true;
                    whileMigrating.run();
                }
            }
        }
        if (!paused) {
            whileMigrating.run();
        }
        target.call("CLUSTER", "SETSLOT", s, "NODE", target.id());
        source.call("CLUSTER", "SETSLOT", s, "NODE", target.id());
        for (Node node : primaries()) {
            if (node != source && node != target) {
                node.call("CLUSTER", "SETSLOT", s, "NODE", target.id());
            }
        }
        await("slot " + slot + " owned by " + target + " on every node", () -> nodes.stream()
                .filter(n -> n.process().isRunning())
                .allMatch(n -> view(n).get(target.id()).owns(slot)));
    }

    private Node anyRunning() {
        return nodes.stream().filter(n -> n.process().isRunning()).findFirst()
                .orElseThrow(() -> new IllegalStateException("no cluster node is running"));
    }

    /** One line of CLUSTER NODES. */
    private record NodeView(String id, String flags, String primaryId, String slots) {
        boolean owns(int slot) {
            for (String range : slots.split(" ")) {
                if (range.isEmpty() || range.startsWith("[")) {
                    continue;
                }
                String[] bounds = range.split("-");
                int from = Integer.parseInt(bounds[0]);
                int to = bounds.length == 2 ? Integer.parseInt(bounds[1]) : from;
                if (slot >= from && slot <= to) {
                    return true;
                }
            }
            return false;
        }
    }

    private static Map<String, NodeView> view(Node node) {
        String text = node.call("CLUSTER", "NODES").toString();
        return Arrays.stream(text.split("\n")).filter(l -> !l.isBlank()).map(line -> {
            String[] parts = line.trim().split(" ");
            String slots = parts.length > 8
                    ? Arrays.stream(parts, 8, parts.length).filter(p -> !p.startsWith("[")).collect(Collectors.joining(" "))
                    : "";
            return new NodeView(parts[0], parts[2], parts[3], slots);
        }).collect(Collectors.toMap(NodeView::id, v -> v));
    }

    private static void await(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + SETTLE.toNanos();
        RuntimeException last = null;
        while (System.nanoTime() < deadline) {
            try {
                if (condition.getAsBoolean()) {
                    return;
                }
                last = null;
            } catch (RuntimeException e) {
                last = e;
            }
            LocalRedis.sleep(50);
        }
        throw new IllegalStateException("Redis Cluster: timed out after " + SETTLE.toSeconds() + " s waiting for "
                + what + Optional.ofNullable(last).map(e -> " (last error: " + e + ")").orElse(""));
    }

    /** The logs of every node, for failure messages. */
    public String logs() {
        StringBuilder text = new StringBuilder();
        for (Node node : nodes) {
            text.append("---- ").append(node).append('\n').append(node.process().log()).append('\n');
        }
        return text.toString();
    }

    @Override
    public void close() {
        nodes.forEach(n -> n.process().stop());
    }
}
