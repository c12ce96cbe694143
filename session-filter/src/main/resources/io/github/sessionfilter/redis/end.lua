-- Ends a session from outside its requests, as if it had timed out now, so that the expiry sweep
-- announces it to the app's listeners (a revocation while expiry events are on).
-- KEYS[1] session hash; ARGV[1] now (ms since the epoch). Returns 1 when the session existed, else 0.
if redis.call('EXISTS', KEYS[1]) == 0 then
  return 0
end
redis.call('HSET', KEYS[1], '#expires', ARGV[1])
return 1
