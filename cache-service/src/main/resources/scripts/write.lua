-- Stores a value with its time to live, unless the caller routes by an older shard map
-- than this shard has been fenced with: a PUT that read the map before a migration began
-- must not land on an owner that is giving the key away.
--
-- While a migration moves the key here, the write also leaves a moved-marker: from now
-- on this shard alone speaks for the key, so neither a read nor the migration may take
-- the older value still on the old owner, even after this value expires. The marker lives
-- as long as the longest time to live the cache accepts, so it outlives any value the old
-- owner could still hold.
--
-- KEYS[1]  the shard's fence
-- KEYS[2]  the value
-- KEYS[3]  the key's moved-marker
-- ARGV[1]  the epoch of the caller's shard map
-- ARGV[2]  the value
-- ARGV[3]  its time to live, milliseconds
-- ARGV[4]  the id of the migration moving this key here, '0' if none
-- ARGV[5]  the marker's time to live, milliseconds
-- Returns {0, fence} if the caller's map is older than the fence, else {1}.
local fence = tonumber(redis.call('GET', KEYS[1]) or '0')
if tonumber(ARGV[1]) < fence then
  return {0, fence}
end
redis.call('SET', KEYS[2], ARGV[2], 'PX', ARGV[3])
if ARGV[4] ~= '0' then
  redis.call('SET', KEYS[3], ARGV[4], 'PX', ARGV[5])
end
return {1}
