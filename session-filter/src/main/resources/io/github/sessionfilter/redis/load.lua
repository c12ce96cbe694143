-- Loads a session and records the access, or only records the access, in one round trip.
-- KEYS[1] session hash; ARGV[1] now (ms since the epoch); ARGV[2] largest hash to return (bytes of
-- field names and values); ARGV[3] 'load' or 'touch'; ARGV[4] grace (ms): 0, or how long the data of a
-- timed-out session stays for its expiry event (then a timed-out session is not deleted here).
-- load: returns the hash as it was before this access (flat field/value list), an empty list when the
-- session does not exist or has passed its idle or absolute timeout (then it is deleted), or
-- {'#tooLarge', size} when the hash is larger than ARGV[2] (only a writer other than the filter makes
-- one: the filter refuses values beyond session.max-bytes), so that it never crosses the network.
-- touch: reads only the metadata; returns 1 when the session exists and was touched, 0 otherwise.
local touch = ARGV[3] == 'touch'
local none = {}
if touch then
  none = 0
end

-- Metadata are decimal integers; anything else (what only Lua reads as a number: '1e3', '0x10',
-- ' 600', '600.5') makes the hash incomplete.
local function integer(value)
  if value and string.match(value, '^%-?%d+$') then
    return tonumber(value)
  end
  return nil
end

local fields
local created, last, idle, expires
if touch then
  local meta = redis.call('HMGET', KEYS[1], '#created', '#lastAccess', '#maxInactive', '#expires')
  created, last, idle, expires = integer(meta[1]), integer(meta[2]), integer(meta[3]), integer(meta[4])
else
  fields = redis.call('HGETALL', KEYS[1])
  if #fields == 0 then
    return none
  end
  local size, limit = 0, tonumber(ARGV[2])
  for i = 1, #fields do
    size = size + #fields[i]
  end
  if size > limit then
    return {'#tooLarge', tostring(size)}
  end
  local meta = {}
  for i = 1, #fields, 2 do
    meta[fields[i]] = fields[i + 1]
  end
  created, last = integer(meta['#created']), integer(meta['#lastAccess'])
  idle, expires = integer(meta['#maxInactive']), integer(meta['#expires'])
end
if not created or not last or not idle or not expires then
  -- Missing, or not a hash we wrote completely: no session, and an incomplete hash is left to its TTL.
  return none
end
local now = tonumber(ARGV[1])
local grace = tonumber(ARGV[4])
if now >= expires or (idle > 0 and now - last >= idle * 1000) then
  if grace == 0 then
    redis.call('DEL', KEYS[1])
  end
  return none
end
if now > last then
  redis.call('HSET', KEYS[1], '#lastAccess', ARGV[1])
end
local ttl = expires - now
if idle > 0 and idle * 1000 < ttl then
  ttl = idle * 1000
end
redis.call('PEXPIRE', KEYS[1], ttl + grace)
if touch then
  return 1
end
return fields
