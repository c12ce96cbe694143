package io.github.sessionfilter.redis;

import io.github.sessionfilter.core.SessionChanges;
import io.github.sessionfilter.core.SessionExpiries;
import io.github.sessionfilter.core.UserSessionIndex;
import io.github.sessionfilter.core.SessionMetadata;
import io.github.sessionfilter.core.SessionRecord;
import io.github.sessionfilter.core.SessionStore;
import io.github.sessionfilter.core.SessionLock;
import io.github.sessionfilter.core.SessionIds;
import io.lettuce.core.ScriptOutputType;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Sessions in Redis: one hash per session, reached over one shared Lettuce connection. Load and save
 * are one Lua script each (one round trip); invalidation is one DEL.
 */
public final class RedisSessionStore implements SessionStore {
    private static final LuaScript LOAD = LuaScript.load("load.lua");
    private static final LuaScript SAVE = LuaScript.load("save.lua");
    private static final LuaScript END = LuaScript.load("end.lua");
    private static final byte[] LOAD_MODE = ascii("load");
    private static final byte[] TOUCH_MODE = ascii("touch");

    private static final Logger LOG = System.getLogger(RedisSessionStore.class.getName());

    private final RedisConnector connector;
    private final SessionKeys keys;
    private final byte[] maxHashBytes;
    private final String keyPrefix;
    private final long graceMillis;
    private final byte[] grace;
    /** Null while expiry events are off. */
    private final RedisExpiryIndex expiries;

    private RedisSessionStore(RedisConnector connector, String keyPrefix, long maxHashBytes, Duration expiryGrace) {
        this.connector = connector;
        this.keys = new SessionKeys(keyPrefix);
        this.keyPrefix = keyPrefix;
        this.maxHashBytes = ascii(maxHashBytes);
        this.graceMillis = expiryGrace == null ? 0 : expiryGrace.toMillis();
        this.grace = ascii(graceMillis);
        this.expiries = expiryGrace == null ? null : new RedisExpiryIndex(connector, keys, keyPrefix, this.maxHashBytes);
    }

    /**
     * A store for the Redis described by {@code options}. Connects lazily: the first operation
     * connects, so an application starts even while Redis is down. A session hash larger than
     * {@code maxHashBytes} (field names and values) is treated as no session and logged, and never leaves
     * Redis. With an {@code expiryGrace}, the store also keeps the expiry index (for expiry events): a new
     * session is entered in it, an invalidated or renamed one leaves it, and the data of a timed-out
     * session stays that much longer, so that its listeners can still read it.
     *
     * @param keyPrefix   prepended to every key, so several applications can share one Redis
     * @param expiryGrace null: no expiry index, timed-out sessions are deleted at once
     * @param calls       hears about every Redis call (metrics)
     */
    public static RedisSessionStore create(RedisConnectionOptions options, String keyPrefix, long maxHashBytes,
                                           Duration expiryGrace, RedisCallListener calls) {
        try {
            return new RedisSessionStore(RedisConnector.create(options, calls), keyPrefix, maxHashBytes, expiryGrace);
        } finally {
            NettyThreadLocals.clearOnContainerThread();
        }
    }

    /**
     * The per-session lock over the same connection, on a key next to each session.
     *
     * @param lease how long a held lock lives if its holder never releases it (a crashed instance)
     * @param wait  how long {@link SessionLock#acquire} retries before giving up
     */
    public SessionLock sessionLock(Duration lease, Duration wait) {
        return new RedisSessionLock(connector, keys, lease, wait);
    }

    /** Each user's sessions, over the same connection. */
    public UserSessionIndex userIndex() {
        return new RedisUserIndex(connector, keys, keyPrefix);
    }

    /** The expiry index, when this store keeps one. */
    public Optional<SessionExpiries> expiries() {
        return Optional.ofNullable(expiries);
    }

    @Override
    public Optional<SessionRecord> load(String id, long nowMillis) {
        List<Object> reply = connector.call("load", commands ->
                LOAD.run(commands, ScriptOutputType.MULTI, keys.key(id), ascii(nowMillis), maxHashBytes, LOAD_MODE, grace));
        if (reply == null || reply.isEmpty()) {
            return Optional.empty();
        }
        if (reply.size() == 2 && "#tooLarge".equals(new String((byte[]) reply.get(0), StandardCharsets.US_ASCII))) {
            LOG.log(Level.WARNING, "Session {0} was not loaded: its hash in Redis holds {1} bytes, more than the {2} bytes"
                    + " the filter ever writes (session.max-bytes); it was written by something else",
                    SessionIds.abbreviate(id), new String((byte[]) reply.get(1), StandardCharsets.US_ASCII),
                    new String(maxHashBytes, StandardCharsets.US_ASCII));
            return Optional.empty();
        }
        try {
            return Optional.of(record(id, reply));
        } catch (NumberFormatException | ArithmeticException e) {
            // load.lua admits only decimal integers; one out of range was not written by the filter.
            LOG.log(Level.WARNING, "Session {0} was not loaded: its metadata in Redis are not the filter''s", SessionIds.abbreviate(id));
            return Optional.empty();
        }
    }

    @Override
    public boolean touch(String id, long nowMillis) {
        Long result = connector.call("touch", commands ->
                LOAD.run(commands, ScriptOutputType.INTEGER, keys.key(id), ascii(nowMillis), maxHashBytes, TOUCH_MODE, grace));
        return result != null && result == 1L;
    }

    /**
     * A session hash as a script returns it (a flat field/value list) as a record.
     *
     * @throws NumberFormatException when a metadata field is missing or not a number the filter writes
     */
    static SessionRecord record(String id, List<Object> fields) {
        Map<String, byte[]> attributes = new HashMap<>();
        Map<String, String> meta = new HashMap<>();
        for (int i = 0; i + 1 < fields.size(); i += 2) {
            String field = new String((byte[]) fields.get(i), StandardCharsets.UTF_8);
            byte[] value = (byte[]) fields.get(i + 1);
            if (SessionKeys.isAttributeField(field)) {
                attributes.put(SessionKeys.attributeName(field), value);
            } else {
                meta.put(field, new String(value, StandardCharsets.US_ASCII));
            }
        }
        return new SessionRecord(id, parse(meta, SessionKeys.CREATED), parse(meta, SessionKeys.LAST_ACCESS),
                Math.toIntExact(parse(meta, SessionKeys.MAX_INACTIVE)), parse(meta, SessionKeys.EXPIRES), attributes);
    }

    private static long parse(Map<String, String> meta, String field) {
        String value = meta.get(field);
        if (value == null) {
            throw new NumberFormatException(field + " missing");
        }
        return Long.parseLong(value);
    }

    @Override
    public boolean save(SessionChanges changes) {
        Long result = connector.call("save", commands ->
                SAVE.run(commands, ScriptOutputType.INTEGER, keys.key(changes.id()), saveArguments(changes, graceMillis)));
        boolean saved = result != null && result == 1L;
        if (saved && expiries != null
                && (changes.kind() == SessionChanges.Kind.CREATE || changes.metadata().maxInactiveSeconds() != null)) {
            // Due when the session would time out if nobody used it again; the sweep moves it on if they do.
            expiries.schedule(changes.id(), System.currentTimeMillis() + changes.ttlMillis());
        }
        return saved;
    }

    @Override
    public boolean endNow(String id, long nowMillis) {
        if (expiries == null) {
            Long deleted = connector.call("delete", commands -> commands.del(keys.key(id)));
            return deleted != null && deleted > 0;
        }
        Long ended = connector.call("end", commands -> END.run(commands, ScriptOutputType.INTEGER, keys.key(id), ascii(nowMillis)));
        if (ended == null || ended == 0L) {
            return false;
        }
        expiries.schedule(id, nowMillis);
        return true;
    }

    @Override
    public void delete(String id) {
        connector.call("delete", commands -> commands.del(keys.key(id)));
        if (expiries != null) {
            expiries.unschedule(id);
        }
    }

    @Override
    public boolean changeId(String oldId, SessionChanges created) {
        if (created.kind() != SessionChanges.Kind.CREATE) {
            throw new IllegalArgumentException("changeId needs a complete CREATE, got " + created.kind());
        }
        // Two keys in (usually) two cluster slots: no RENAME. Deleting first means a session
        // invalidated elsewhere in the meantime is not brought back under the new id.
        Long deleted = connector.call("change id", commands -> commands.del(keys.key(oldId)));
        if (deleted == null || deleted == 0L) {
            return false;
        }
        if (expiries != null) {
            expiries.unschedule(oldId);
        }
        return save(created);
    }

    /**
     * Asks Redis for a {@code PING} (a health check); throws {@link io.github.sessionfilter.core.SessionStoreException}
     * naming the endpoint and the timeout when it does not answer within the command timeout.
     */
    public void ping() {
        connector.call("ping", commands -> commands.ping());
    }

    @Override
    public String endpoint() {
        return connector.endpoint();
    }

    @Override
    public void close() {
        try {
            connector.close();
        } finally {
            NettyThreadLocals.clearOnContainerThread();
        }
    }

    private static byte[][] saveArguments(SessionChanges changes, long graceMillis) {
        List<byte[]> pairs = new ArrayList<>();
        SessionMetadata meta = changes.metadata();
        addMeta(pairs, SessionKeys.CREATED, meta.createdMillis());
        addMeta(pairs, SessionKeys.LAST_ACCESS, meta.lastAccessedMillis());
        addMeta(pairs, SessionKeys.MAX_INACTIVE, meta.maxInactiveSeconds());
        addMeta(pairs, SessionKeys.EXPIRES, meta.expiresAtMillis());
        changes.writes().forEach((name, value) -> {
            pairs.add(utf8(SessionKeys.attributeField(name)));
            pairs.add(value);
        });
        List<byte[]> args = new ArrayList<>(3 + pairs.size() + changes.removals().size());
        args.add(ascii(changes.kind() == SessionChanges.Kind.CREATE ? "create" : "update"));
        args.add(ascii(changes.ttlMillis() + graceMillis));
        args.add(ascii(pairs.size() / 2));
        args.addAll(pairs);
        for (String name : changes.removals()) {
            args.add(utf8(SessionKeys.attributeField(name)));
        }
        return args.toArray(new byte[0][]);
    }

    private static void addMeta(List<byte[]> pairs, String field, Number value) {
        if (value != null) {
            pairs.add(ascii(field));
            pairs.add(ascii(value));
        }
    }

    private static byte[] ascii(Object value) {
        return String.valueOf(value).getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] utf8(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }
}
