-- Renews or releases the migration driver's lease, only if the caller still holds it: a
-- driver that was too slow to renew must not extend or delete its successor's lease.
--
-- KEYS[1]  the lease: the holder's id, with the lease's time to live
-- ARGV[1]  the caller's id
-- ARGV[2]  the new time to live, milliseconds, or 0 to release
-- Returns 1 if the caller held the lease, else 0.
if redis.call('GET', KEYS[1]) ~= ARGV[1] then
  return 0
end
if ARGV[2] == '0' then
  redis.call('DEL', KEYS[1])
else
  redis.call('PEXPIRE', KEYS[1], ARGV[2])
end
return 1
