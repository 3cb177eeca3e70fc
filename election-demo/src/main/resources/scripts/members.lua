-- Advertises a replica as live for one ttl and answers the live replicas, in one step.
-- Expiries are computed on the Redis server's clock, the one clock every replica shares,
-- so a replica whose own clock runs ahead cannot keep a dead peer alive, nor declare a
-- live one dead.
--
-- KEYS[1]  the members: a sorted set of id -> expiry, epoch milliseconds
-- ARGV[1]  this replica's id
-- ARGV[2]  ttl, milliseconds
-- Returns the ids of the live members.
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
redis.call('ZADD', KEYS[1], now + tonumber(ARGV[2]), ARGV[1])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
return redis.call('ZRANGE', KEYS[1], 0, -1)
