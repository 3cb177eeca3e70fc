--[[
A token bucket for one caller on one route, shared by every gateway replica.

KEYS[1]  the bucket: a hash {tokens, at}. Its {hash tag} is the route and the caller, so on
         Redis Cluster everything the script touches for one caller lives in one slot.
ARGV[1]  replenish rate, tokens per second
ARGV[2]  burst capacity, the most tokens the bucket holds
ARGV[3]  tokens this request costs
ARGV[4]  the most tokens to hand out if allowed (at least ARGV[3]): the request's cost and a
         lease of further tokens its gateway replica spends without asking (TokenLeases)

Returns { 1 if allowed else 0, whole tokens left, milliseconds until the request would be
allowed, tokens handed out (0 if refused) }

Why one script: reading the bucket, refilling it, taking from it and writing it back happen as
one atomic step inside Redis. Two replicas serving the same caller at the same moment can never
both spend the last token, as they could with a read in Java followed by a write.

Why the clock is Redis's own (TIME), not the calling gateway's: a bucket is then timed by the
one clock that holds it, so gateway replicas whose clocks disagree, by a second or by an hour,
still share one limit. With the caller's clock, a replica running ahead would refill every
bucket it touched by its lead. TIME in a script that writes is safe because Redis (5 and later,
and only so since 7) replicates a script by its effects, the HSET with the values computed here,
not by running it again on a replica with another clock. The price: tests cannot move this
clock, so they measure real time and bound what a bucket may admit by its burst plus what
refills meanwhile.

Why fractions and milliseconds: the bucket refills continuously, not once a second, so
Retry-After can say exactly when enough tokens will be there.
]]
local rate = tonumber(ARGV[1])
local capacity = tonumber(ARGV[2])
local requested = tonumber(ARGV[3])
local most = tonumber(ARGV[4])
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)

local bucket = redis.call('HMGET', KEYS[1], 'tokens', 'at')
-- No bucket is a full bucket: a bucket is only ever dropped (it expires) once it has refilled.
local tokens = tonumber(bucket[1]) or capacity
local at = tonumber(bucket[2]) or now

-- A bucket's time never runs backwards, even if Redis's clock does (an NTP step, or a failover
-- to a replica whose clock lags): a clock behind `at` sees no time pass and mints no tokens,
-- and `at` only moves forward.
tokens = math.min(capacity, tokens + math.max(0, now - at) * rate / 1000)
at = math.max(now, at)

local allowed = tokens >= requested
local wait = 0
local granted = 0
if allowed then
  -- A lease takes only whole tokens the bucket holds, never more than it has.
  granted = math.max(requested, math.min(most, math.floor(tokens)))
  tokens = tokens - granted
else
  -- Nothing is taken from a refused request, so a client that keeps retrying too early
  -- does not push its own recovery further away.
  wait = math.ceil((requested - tokens) * 1000 / rate)
end

redis.call('HSET', KEYS[1], 'tokens', tokens, 'at', at)
-- Once full again the bucket is the same as no bucket, so it expires then: Redis holds one small
-- hash per caller seen in the last capacity/rate seconds, not one per caller ever seen.
redis.call('PEXPIRE', KEYS[1], math.ceil((capacity - tokens) * 1000 / rate))

return { allowed and 1 or 0, math.floor(tokens), wait, granted }
