package io.github.sessionfilter.redis;

import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.cluster.api.sync.RedisClusterCommands;

/**
 * Asks a server whether it is a Redis Cluster node: {@code INFO cluster} ({@code cluster_enabled:1}),
 * and if that is refused (an ACL, a proxy), {@code CLUSTER INFO}, which a server without cluster
 * support answers with an error. Never uses {@code CONFIG}: managed Redis (Memorystore) forbids it.
 */
final class ClusterModeProbe {
    private ClusterModeProbe() {
    }

    static boolean isCluster(RedisClusterCommands<String, byte[]> commands) {
        try {
            String info = commands.info("cluster");
            if (info != null && info.contains("cluster_enabled:1")) {
                return true;
            }
            if (info != null && info.contains("cluster_enabled:0")) {
                return false;
            }
        } catch (RedisCommandExecutionException e) {
            // INFO refused or filtered: ask the cluster command itself.
        }
        try {
            commands.clusterInfo();
            return true;
        } catch (RedisCommandExecutionException e) {
            String message = String.valueOf(e.getMessage());
            if (message.contains("cluster support disabled") || message.contains("cluster mode is not enabled")) {
                return false;
            }
            throw new IllegalStateException("cannot tell whether Redis runs in cluster mode (INFO cluster and CLUSTER INFO "
                    + "were refused: " + message + "); set redis.mode to standalone or cluster", e);
        }
    }
}
