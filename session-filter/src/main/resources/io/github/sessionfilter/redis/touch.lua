-- Records an access to a session without reading it, in one round trip (session.access=every-request).
-- KEYS[1] session hash; ARGV[1] now (ms since the epoch).
-- Returns 1 when the session exists and was touched, 0 otherwise (missing, incomplete or timed out; a
-- timed-out session is deleted, as load.lua does).
local meta = redis.call('HMGET', KEYS[1], '#created', '#lastAccess', '#maxInactive', '#expires')
-- Metadata are decimal integers, as in load.lua; anything else makes the hash incomplete.
local function integer(value)
  if value and string.match(value, '^%-?%d+$') then
    return tonumber(value)
  end
  return nil
end
local created, last, idle, expires = integer(meta[1]), integer(meta[2]), integer(meta[3]), integer(meta[4])
if not created or not last or not idle or not expires then
  return 0
end
local now = tonumber(ARGV[1])
if now >= expires or (idle > 0 and now - last >= idle * 1000) then
  redis.call('DEL', KEYS[1])
  return 0
end
if now > last then
  redis.call('HSET', KEYS[1], '#lastAccess', ARGV[1])
end
local ttl = expires - now
if idle > 0 and idle * 1000 < ttl then
  ttl = idle * 1000
end
redis.call('PEXPIRE', KEYS[1], ttl)
return 1
