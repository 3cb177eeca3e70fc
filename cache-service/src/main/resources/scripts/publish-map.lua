-- Replaces the shared shard map if it is still the one the caller read (compare and set
-- on its epoch), and tells every replica at once. Publishing with an expected epoch of 0
-- stores a map only where there is none yet: the first replica to start offers the map of
-- its configuration.
--
-- KEYS[1]  the map: a hash of epoch and map (JSON)
-- ARGV[1]  the epoch the caller read, 0 if it found no map
-- ARGV[2]  the new epoch
-- ARGV[3]  the new map, JSON
-- ARGV[4]  the channel replicas listen on
-- Returns the epoch now stored: ARGV[2] if the map was replaced, else the one found.
local current = tonumber(redis.call('HGET', KEYS[1], 'epoch') or '0')
if current ~= tonumber(ARGV[1]) then
  return current
end
redis.call('HSET', KEYS[1], 'epoch', ARGV[2], 'map', ARGV[3])
redis.call('PUBLISH', ARGV[4], ARGV[2])
return tonumber(ARGV[2])
