package io.github.sessionfilter.redis;

import io.github.sessionfilter.core.SessionExpiries;
import io.lettuce.core.Limit;
import io.lettuce.core.Range;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.ZAddArgs;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The expiry index in Redis: one sorted set {@code <prefix>expiries} of session ids, scored by the time
 * each becomes due. It lives in its own cluster slot, apart from the sessions, so every operation on
 * it is a command of its own; claims are one script on the index alone.
 */
final class RedisExpiryIndex implements SessionExpiries {
    private static final LuaScript CLAIM = LuaScript.load("claim.lua");
    private static final LuaScript EXPIRY = LuaScript.load("expiry.lua");

    private final RedisConnector connector;
    private final SessionKeys keys;
    private final String index;
    private final byte[] maxHashBytes;

    RedisExpiryIndex(RedisConnector connector, SessionKeys keys, String keyPrefix, byte[] maxHashBytes) {
        this.connector = connector;
        this.keys = keys;
        this.index = keyPrefix + "expiries";
        this.maxHashBytes = maxHashBytes;
    }

    /** Adds or moves an entry (a new session, a renamed one, a changed idle timeout). */
    void schedule(String id, long dueMillis) {
        connector.call("schedule expiry", commands -> commands.zadd(index, (double) dueMillis, utf8(id)));
    }

    /** Drops an entry (an invalidated or renamed session: nothing to announce). */
    void unschedule(String id) {
        connector.call("unschedule expiry", commands -> commands.zrem(index, utf8(id)));
    }

    @Override
    public List<String> due(long nowMillis, int limit) {
        List<byte[]> ids = connector.call("find due expiries", commands -> commands.zrangebyscore(index,
                Range.create(Double.NEGATIVE_INFINITY, (double) nowMillis), Limit.create(0, limit)));
        List<String> due = new ArrayList<>(ids.size());
        ids.forEach(id -> due.add(new String(id, StandardCharsets.UTF_8)));
        return due;
    }

    @Override
    public boolean claim(String id, long nowMillis, long leaseUntilMillis) {
        Long claimed = connector.call("claim expiry", commands -> CLAIM.run(commands, ScriptOutputType.INTEGER, index,
                utf8(id), ascii(nowMillis), ascii(leaseUntilMillis)));
        return claimed != null && claimed == 1L;
    }

    @Override
    public Check check(String id, long nowMillis) {
        List<Object> reply = connector.call("check expiry", commands ->
                EXPIRY.run(commands, ScriptOutputType.MULTI, keys.key(id), ascii(nowMillis), maxHashBytes));
        if (reply == null || reply.isEmpty()) {
            return new Gone();
        }
        if (reply.size() == 2 && "#active".equals(new String((byte[]) reply.get(0), StandardCharsets.US_ASCII))) {
            return new StillActive(Long.parseLong(new String((byte[]) reply.get(1), StandardCharsets.US_ASCII)));
        }
        try {
            return new TimedOut(RedisSessionStore.record(id, reply));
        } catch (NumberFormatException | ArithmeticException e) {
            return new Gone(); // expiry.lua admits only integers; one out of range is not the filter's
        }
    }

    @Override
    public void reschedule(String id, long deadlineMillis) {
        connector.call("reschedule expiry", commands -> commands.zadd(index, ZAddArgs.Builder.xx(), (double) deadlineMillis, utf8(id)));
    }

    @Override
    public void finish(String id) {
        connector.call("delete timed-out session", commands -> commands.del(keys.key(id)));
        unschedule(id);
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] ascii(long value) {
        return Long.toString(value).getBytes(StandardCharsets.US_ASCII);
    }
}
