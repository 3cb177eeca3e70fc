-- Deletes a value, unless the caller routes by an older shard map than this shard has
-- been fenced with. While a migration moves the key here, it also leaves a moved-marker
-- (see write.lua), so the migration cannot bring back the value the old owner still holds:
-- a DEL during a move wins.
--
-- KEYS[1]  the shard's fence
-- KEYS[2]  the value
-- KEYS[3]  the key's moved-marker
-- ARGV[1]  the epoch of the caller's shard map
-- ARGV[2]  the id of the migration moving this key here, '0' if none
-- ARGV[3]  the marker's time to live, milliseconds
-- Returns {0, fence} if the caller's map is older than the fence, else {1, removed,
-- marked}: whether a value was removed, and whether this migration had already marked the
-- key (then the old owner's value was already dead, and the key was absent).
local fence = tonumber(redis.call('GET', KEYS[1]) or '0')
if tonumber(ARGV[1]) < fence then
  return {0, fence}
end
local removed = redis.call('DEL', KEYS[2])
local marked = 0
if ARGV[2] ~= '0' then
  if redis.call('GET', KEYS[3]) == ARGV[2] then
    marked = 1
  end
  redis.call('SET', KEYS[3], ARGV[2], 'PX', ARGV[3])
end
return {1, removed, marked}
