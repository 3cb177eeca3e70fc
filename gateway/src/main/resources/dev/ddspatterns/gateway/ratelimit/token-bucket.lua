--[[
A token bucket for one caller on one route, shared by every gateway replica.

KEYS[1]  the bucket: a hash {tokens, at}. Its {hash tag} is the route and the caller, so on
         Redis Cluster everything the script touches for one caller lives in one slot.
ARGV[1]  replenish rate, tokens per second
ARGV[2]  burst capacity, the most tokens the bucket holds
ARGV[3]  tokens this request costs
ARGV[4]  now, in epoch milliseconds, from the calling gateway's clock

Returns { 1 if allowed else 0, whole tokens left, milliseconds until the request would be allowed }

Why one script: reading the bucket, refilling it, taking from it and writing it back happen as
one atomic step inside Redis. Two replicas serving the same caller at the same moment can never
both spend the last token, as they could with a read in Java followed by a write.

Why the clock comes in from the caller rather than Redis TIME: the script is then a pure
function of its arguments, so tests drive time, and the same arguments always give the same
answer. The price is trusting the replicas' clocks to agree closely; see `at` below.

Why fractions and milliseconds: the bucket refills continuously, not once a second, so
Retry-After can say exactly when enough tokens will be there.
]]
local rate = tonumber(ARGV[1])
local capacity = tonumber(ARGV[2])
local requested = tonumber(ARGV[3])
local now = tonumber(ARGV[4])

local bucket = redis.call('HMGET', KEYS[1], 'tokens', 'at')
-- No bucket is a full bucket: a bucket is only ever dropped (it expires) once it has refilled.
local tokens = tonumber(bucket[1]) or capacity
local at = tonumber(bucket[2]) or now

-- Replicas' clocks differ a little. A bucket's time never runs backwards: a replica whose
-- clock lags sees no time pass (it mints no tokens), and `at` only moves forward. A replica
-- whose clock leads by d can hand out at most d * rate tokens early.
tokens = math.min(capacity, tokens + math.max(0, now - at) * rate / 1000)
at = math.max(now, at)

local allowed = tokens >= requested
local wait = 0
if allowed then
  tokens = tokens - requested
else
  -- Nothing is taken from a refused request, so a client that keeps retrying too early
  -- does not push its own recovery further away.
  wait = math.ceil((requested - tokens) * 1000 / rate)
end

redis.call('HSET', KEYS[1], 'tokens', tokens, 'at', at)
-- Once full again the bucket is the same as no bucket, so it expires then: Redis holds one small
-- hash per caller seen in the last capacity/rate seconds, not one per caller ever seen.
redis.call('PEXPIRE', KEYS[1], math.ceil((capacity - tokens) * 1000 / rate))

return { allowed and 1 or 0, math.floor(tokens), wait }
