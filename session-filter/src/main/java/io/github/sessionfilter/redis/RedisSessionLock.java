package io.github.sessionfilter.redis;

import io.github.sessionfilter.core.SessionIds;
import io.github.sessionfilter.core.SessionLock;
import io.github.sessionfilter.core.SessionLockTimeoutException;
import io.github.sessionfilter.core.SessionStoreException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SetArgs;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The session lock in Redis: {@code SET <prefix>{<id>}:lock <token> NX PX <lease>} (same cluster slot as
 * the session), retried with short, growing, jittered sleeps until the wait is over; released by a
 * script that deletes the key only if it still holds this holder's random token, so a request whose
 * lease expired can never release someone else's lock.
 */
final class RedisSessionLock implements SessionLock {
    private static final Logger LOG = System.getLogger(RedisSessionLock.class.getName());
    private static final LuaScript UNLOCK = LuaScript.load("unlock.lua");
    private static final long FIRST_SLEEP_MILLIS = 2;
    private static final long MAX_SLEEP_MILLIS = 50;

    private final RedisConnector connector;
    private final SessionKeys keys;
    private final Duration lease;
    private final Duration wait;
    private final SecureRandom random = new SecureRandom();

    RedisSessionLock(RedisConnector connector, SessionKeys keys, Duration lease, Duration wait) {
        this.connector = connector;
        this.keys = keys;
        this.lease = lease;
        this.wait = wait;
    }

    @Override
    public Lease acquire(String sessionId) {
        String key = keys.lockKey(sessionId);
        byte[] token = token();
        SetArgs args = SetArgs.Builder.nx().px(lease.toMillis());
        long deadline = System.nanoTime() + wait.toNanos();
        long sleep = FIRST_SLEEP_MILLIS;
        while (true) {
            String reply = connector.call("lock", commands -> commands.set(key, token, args));
            if ("OK".equals(reply)) {
                return new RedisLease(key, token, sessionId);
            }
            long remainingMillis = (deadline - System.nanoTime()) / 1_000_000;
            if (remainingMillis <= 0) {
                throw new SessionLockTimeoutException("Session " + SessionIds.abbreviate(sessionId)
                        + " stayed locked by another request for the whole lock wait of " + wait.toMillis() + " ms");
            }
            pause(Math.min(remainingMillis, sleep + ThreadLocalRandom.current().nextLong(sleep + 1)));
            sleep = Math.min(MAX_SLEEP_MILLIS, sleep * 2);
        }
    }

    private byte[] token() {
        byte[] bytes = new byte[16];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encode(bytes);
    }

    private void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SessionStoreException("Interrupted while waiting for the session lock", e);
        }
    }

    /** One held lock. */
    private final class RedisLease implements Lease {
        private final String key;
        private final byte[] token;
        private final String sessionId;
        private boolean released;

        RedisLease(String key, byte[] token, String sessionId) {
            this.key = key;
            this.token = token;
            this.sessionId = sessionId;
        }

        @Override
        public void release() {
            if (released) {
                return;
            }
            released = true;
            try {
                Long deleted = connector.call("unlock", commands ->
                        UNLOCK.run(commands, ScriptOutputType.INTEGER, key, token));
                if (deleted == null || deleted == 0L) {
                    LOG.log(Level.WARNING, "The lock of session {0} had expired before the request ended"
                            + " (lease {1} ms); consider a longer session.lock-lease",
                            SessionIds.abbreviate(sessionId), lease.toMillis());
                }
            } catch (SessionStoreException e) {
                // The lease ends by itself; the next request waits for it at most that long.
                LOG.log(Level.INFO, "Could not release the lock of session {0}: {1}",
                        SessionIds.abbreviate(sessionId), e.getMessage());
            }
        }
    }
}
