package io.github.sessionfilter.redis;

import io.lettuce.core.cluster.api.sync.RedisClusterCommands;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;

/**
 * An open connection to Redis in one topology (a single server, a Sentinel-managed primary, or a
 * cluster), offering the commands all of them share: the store is written once against
 * {@link RedisClusterCommands} and runs unchanged on each. Every command the store sends names exactly
 * one key, so a cluster routes it by that key's slot.
 */
interface RedisLink extends AutoCloseable {
    /** Keys and field names are text; values are bytes. */
    RedisCodec<String, byte[]> CODEC = RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE);

    RedisClusterCommands<String, byte[]> commands();

    /** {@code standalone}, {@code sentinel} or {@code cluster}, for log messages. */
    String topology();

    /** Told about every failed command, so a link can react (e.g. reconnect after READONLY). */
    default void commandFailed(RuntimeException failure) {
    }

    @Override
    void close();
}
