-- Raises a shard's fence to a new shard-map epoch before that map is published: from now
-- on the shard refuses every request routed by an older map. Never lowers it.
--
-- KEYS[1]  the shard's fence
-- ARGV[1]  the new epoch
-- Returns the fence now, which is higher than ARGV[1] only if an unfinished change has
-- already fenced the shard further.
local fence = tonumber(redis.call('GET', KEYS[1]) or '0')
local epoch = tonumber(ARGV[1])
if fence < epoch then
  redis.call('SET', KEYS[1], ARGV[1])
  return epoch
end
return fence
