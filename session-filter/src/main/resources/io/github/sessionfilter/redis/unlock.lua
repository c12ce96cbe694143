-- Releases a session lock only if the caller still holds it (its lease may have expired and another
-- request may hold the lock now).
-- KEYS[1] lock key; ARGV[1] the holder's token. Returns 1 when released, 0 otherwise.
if redis.call('GET', KEYS[1]) == ARGV[1] then
  return redis.call('DEL', KEYS[1])
end
return 0
