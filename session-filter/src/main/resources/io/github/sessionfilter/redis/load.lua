-- Loads a session and records the access, in one round trip.
-- KEYS[1] session hash; ARGV[1] now (ms since the epoch); ARGV[2] largest hash to return (bytes of
-- field names and values).
-- Returns the hash as it was before this access (flat field/value list), an empty list when the
-- session does not exist or has passed its idle or absolute timeout (then it is deleted), or
-- {'#tooLarge', size} when the hash is larger than ARGV[2] (only a writer other than the filter makes
-- one: the filter refuses values beyond session.max-bytes), so that it never crosses the network.
local fields = redis.call('HGETALL', KEYS[1])
if #fields == 0 then
  return {}
end
local size, limit = 0, tonumber(ARGV[2])
for i = 1, #fields do
  size = size + #fields[i]
end
if size > limit then
  return {'#tooLarge', tostring(size)}
end
-- Metadata are decimal integers; anything else (what only Lua reads as a number: '1e3', '0x10',
-- ' 600', '600.5') makes the hash incomplete.
local meta = {}
for i = 1, #fields, 2 do
  local name = fields[i]
  if string.sub(name, 1, 1) == '#' and string.match(fields[i + 1], '^%-?%d+$') then
    meta[name] = tonumber(fields[i + 1])
  end
end
local now = tonumber(ARGV[1])
local last, idle, expires = meta['#lastAccess'], meta['#maxInactive'], meta['#expires']
if not meta['#created'] or not last or not idle or not expires then
  -- Not a hash we wrote completely; treat it as no session and leave it to its TTL.
  return {}
end
if now >= expires or (idle > 0 and now - last >= idle * 1000) then
  redis.call('DEL', KEYS[1])
  return {}
end
if now > last then
  redis.call('HSET', KEYS[1], '#lastAccess', ARGV[1])
end
local ttl = expires - now
if idle > 0 and idle * 1000 < ttl then
  ttl = idle * 1000
end
redis.call('PEXPIRE', KEYS[1], ttl)
return fields
