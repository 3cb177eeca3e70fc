-- Takes a lease if nobody holds it and starts a new term with a fresh fencing token, in
-- one atomic step: two replicas racing for a free lease cannot both win, and no winner
-- can ever see a token that an earlier term already used.
--
-- The token is the counter plus one, or the store's clock in microseconds if that is
-- higher. The counter makes tokens grow while this Redis keeps its data; the clock makes
-- them grow across the loss of it: a Redis restarted empty, or a replica promoted before
-- it received the last term, starts its counter at its clock, which is past every token
-- minted before (by about a million per second elapsed), unless that clock is behind the
-- one that minted them. One clock for every candidate, so the replicas' clocks do not
-- matter; a µs count fits a Lua number (a double, exact to 2^53) until the year 2255.
--
-- A lease that is already ours is one of two things. In the last term we learned of
-- (ARGV[4]), it is taken again as a new term: our earlier renewal may have run while its
-- answer was lost, and we have already stopped acting on it, so we start over with a
-- higher token (which fences off anything of ours still in flight) instead of waiting for
-- our own lease to expire. In any other term, an earlier acquire of ours ran but its
-- answer never reached us (it timed out while Redis was frozen, say): we learn that term
-- instead of minting one more, so no term is left that its holder never knew of.
--
-- KEYS[1]  the lease: the holder's id, with the lease's ttl
-- KEYS[2]  the token counter, which only grows and never expires
-- KEYS[3]  the current term: holder, token and since, for readers
-- ARGV[1]  the candidate's id
-- ARGV[2]  lease ttl, milliseconds
-- ARGV[3]  the candidate's wall clock, epoch milliseconds, shown as "since"
-- ARGV[4]  the token of the last term the candidate learned of, 0 if none
-- Returns the new or learned token if the candidate now holds the lease, else minus the
-- current token, so a follower learns which term it is in.
local holder = redis.call('GET', KEYS[1])
if holder and holder ~= ARGV[1] then
  return -tonumber(redis.call('GET', KEYS[2]) or '0')
end
if holder then
  local term = redis.call('HGET', KEYS[3], 'token')
  if term and term ~= ARGV[4] then
    redis.call('PEXPIRE', KEYS[1], ARGV[2])
    return tonumber(term)
  end
end
local time = redis.call('TIME')
local clock = tonumber(time[1]) * 1000000 + tonumber(time[2])
local token = math.max(tonumber(redis.call('GET', KEYS[2]) or '0') + 1, clock)
-- Written as integers: Redis may print a large Lua number in exponent notation.
local written = string.format('%d', token)
redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
redis.call('SET', KEYS[2], written)
redis.call('HSET', KEYS[3], 'holder', ARGV[1], 'token', written, 'since', ARGV[3])
return token
