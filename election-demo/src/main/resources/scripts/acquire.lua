-- Takes a lease if nobody holds it and starts a new term with a fresh fencing token, in
-- one atomic step: two replicas racing for a free lease cannot both win, and no winner
-- can ever see a token that an earlier term already used.
--
-- A lease that is already ours is taken again as a new term: our earlier renewal may have
-- run while its answer was lost, and we have already stopped acting on it, so we start
-- over with a higher token instead of waiting for our own lease to expire.
--
-- KEYS[1]  the lease: the holder's id, with the lease's ttl
-- KEYS[2]  the token counter, which only grows and never expires
-- KEYS[3]  the current term: holder, token and since, for readers
-- ARGV[1]  the candidate's id
-- ARGV[2]  lease ttl, milliseconds
-- ARGV[3]  the candidate's wall clock, epoch milliseconds, shown as "since"
-- Returns the new token if the candidate now holds the lease, else minus the current
-- token, so a follower learns which term it is in.
local holder = redis.call('GET', KEYS[1])
if holder and holder ~= ARGV[1] then
  return -tonumber(redis.call('GET', KEYS[2]) or '0')
end
redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
local token = redis.call('INCR', KEYS[2])
redis.call('HSET', KEYS[3], 'holder', ARGV[1], 'token', token, 'since', ARGV[3])
return token
