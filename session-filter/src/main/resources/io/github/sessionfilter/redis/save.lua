-- Writes the changes of one request, in one round trip.
-- KEYS[1] session hash.
-- ARGV[1] 'create' (only if the key does not exist) or 'update' (only if it still exists)
-- ARGV[2] time-to-live (ms)
-- ARGV[3] number n of field/value pairs that follow; then 2n values; every remaining value is a field to delete.
-- Returns 1 when written, 0 when an update found no session (never resurrect), -1 when a create found one.
local exists = redis.call('EXISTS', KEYS[1])
if ARGV[1] == 'update' and exists == 0 then
  return 0
end
if ARGV[1] == 'create' and exists == 1 then
  return -1
end
local n = tonumber(ARGV[3])
local first_delete = 4 + 2 * n
for i = 4, first_delete - 1, 2 do
  redis.call('HSET', KEYS[1], ARGV[i], ARGV[i + 1])
end
for i = first_delete, #ARGV do
  redis.call('HDEL', KEYS[1], ARGV[i])
end
redis.call('PEXPIRE', KEYS[1], ARGV[2])
return 1
