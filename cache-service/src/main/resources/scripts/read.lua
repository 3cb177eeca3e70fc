-- Reads a value together with its remaining time to live in one step, so the two always
-- belong to each other, unless the caller routes by an older shard map than this shard
-- has been fenced with: a replica that has not seen a migration must not read a key
-- that may have moved away.
--
-- Read-only, so it also runs on a Redis replica (whose fence may lag its primary's).
--
-- KEYS[1]  the shard's fence: the newest shard-map epoch it has been told about
-- KEYS[2]  the value
-- KEYS[3]  the key's moved-marker (see write.lua)
-- ARGV[1]  the epoch of the caller's shard map
-- ARGV[2]  the id of the migration moving this key to this shard, '0' if none
-- Returns {0, fence} if the caller's map is older than the fence; {1, value, pttl};
-- {2} if this migration's marker says this shard alone speaks for the key and it has no
-- value; {3} if there is neither value nor marker.
local fence = tonumber(redis.call('GET', KEYS[1]) or '0')
if tonumber(ARGV[1]) < fence then
  return {0, fence}
end
local value = redis.call('GET', KEYS[2])
if value then
  return {1, value, redis.call('PTTL', KEYS[2])}
end
if ARGV[2] ~= '0' and redis.call('GET', KEYS[3]) == ARGV[2] then
  return {2}
end
return {3}
