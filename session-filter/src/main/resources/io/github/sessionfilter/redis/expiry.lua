-- Reads a claimed session for its expiry event, without changing it.
-- KEYS[1] session hash; ARGV[1] now (ms since the epoch); ARGV[2] largest hash to return.
-- Returns {} when nothing usable is left, {'#active', deadline} when the session was used since its
-- entry was due (deadline: when it times out now), or the hash when it has timed out.
local fields = redis.call('HGETALL', KEYS[1])
if #fields == 0 then
  return {}
end
local size = 0
for i = 1, #fields do
  size = size + #fields[i]
end
if size > tonumber(ARGV[2]) then
  return {}
end
local function integer(value)
  if value and string.match(value, '^%-?%d+$') then
    return tonumber(value)
  end
  return nil
end
local meta = {}
for i = 1, #fields, 2 do
  meta[fields[i]] = fields[i + 1]
end
local created, last = integer(meta['#created']), integer(meta['#lastAccess'])
local idle, expires = integer(meta['#maxInactive']), integer(meta['#expires'])
if not created or not last or not idle or not expires then
  return {}
end
local deadline = expires
if idle > 0 and last + idle * 1000 < deadline then
  deadline = last + idle * 1000
end
if tonumber(ARGV[1]) < deadline then
  return {'#active', tostring(deadline)}
end
return fields
