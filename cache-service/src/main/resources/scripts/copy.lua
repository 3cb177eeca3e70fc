-- The migration's copy of a value to its new owner: only if the new owner has neither a
-- value nor this migration's moved-marker for the key. Either means a client wrote or
-- deleted the key here after the migration began, and that newer state wins over the copy.
-- The fence refuses a copy from a migration driver that another replica has taken over.
--
-- KEYS[1]  the shard's fence
-- KEYS[2]  the value
-- KEYS[3]  the key's moved-marker
-- ARGV[1]  the epoch of the driver's shard map
-- ARGV[2]  the value, as the old owner holds it
-- ARGV[3]  what is left of its time to live, milliseconds, or -1 if it has none
-- ARGV[4]  the migration's id
-- Returns {0, fence} if the driver's map is older than the fence, else {1, copied}.
local fence = tonumber(redis.call('GET', KEYS[1]) or '0')
if tonumber(ARGV[1]) < fence then
  return {0, fence}
end
if redis.call('EXISTS', KEYS[2]) == 1 or redis.call('GET', KEYS[3]) == ARGV[4] then
  return {1, 0}
end
if ARGV[3] == '-1' then
  redis.call('SET', KEYS[2], ARGV[2])
else
  redis.call('SET', KEYS[2], ARGV[2], 'PX', ARGV[3])
end
return {1, 1}
