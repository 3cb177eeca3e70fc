-- Gives a lease up at once, but only if the caller still holds it: a holder whose lease
-- expired must not delete its successor's. Announces the release, so followers try for
-- the lease now instead of at their next renewal interval.
--
-- KEYS[1]  the lease
-- ARGV[1]  the holder's id
-- ARGV[2]  the channel on which releases are announced
-- Returns 1 if released, 0 if the lease was gone or someone else's.
if redis.call('GET', KEYS[1]) == ARGV[1] then
  redis.call('DEL', KEYS[1])
  redis.call('PUBLISH', ARGV[2], ARGV[1])
  return 1
end
return 0
