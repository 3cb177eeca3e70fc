-- Extends a lease only if the caller still holds it. Compare and set in one step: between
-- a GET and a PEXPIRE sent separately the lease could expire and be taken by another
-- replica, whose lease we would then extend.
--
-- KEYS[1]  the lease
-- ARGV[1]  the holder's id
-- ARGV[2]  lease ttl, milliseconds
-- Returns 1 if renewed, 0 if the lease is gone or someone else's.
if redis.call('GET', KEYS[1]) == ARGV[1] then
  return redis.call('PEXPIRE', KEYS[1], ARGV[2])
end
return 0
