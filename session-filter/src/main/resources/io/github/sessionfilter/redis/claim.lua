-- Claims a due entry of the expiry index, so that one instance announces each timeout.
-- KEYS[1] expiry index (sorted set: session id -> time it is due); ARGV[1] session id; ARGV[2] now;
-- ARGV[3] lease end. Returns 1 when claimed (the entry is now due at the lease end, so that another
-- instance takes it over if this one never finishes), 0 when the entry is gone or not due.
local due = redis.call('ZSCORE', KEYS[1], ARGV[1])
if not due or tonumber(due) > tonumber(ARGV[2]) then
  return 0
end
redis.call('ZADD', KEYS[1], 'XX', ARGV[3], ARGV[1])
return 1
