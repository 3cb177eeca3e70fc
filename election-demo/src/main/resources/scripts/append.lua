-- The fenced ledger: appends an entry only if its fencing token is at least the highest
-- token the ledger has seen. A holder that was paused past its lease and wakes up still
-- believing it leads carries an older token than its successor's, so its write is refused
-- here, by the resource, whatever the writer believes. Equal tokens are accepted: one
-- term writes many entries.
--
-- A writer that does not know whether its last append ran (the call timed out) sends the
-- same tick again under the same token before any new one. Ticks only grow within a term,
-- and a term has one writer, so a tick of the current term at or below the last one
-- accepted is that retry: answered "already accepted" and not appended twice.
--
-- KEYS[1]  the highest token seen (the high-water mark)
-- KEYS[2]  the entries, a stream
-- KEYS[3]  the last tick accepted with the highest token
-- ARGV[1]  the writer's token
-- ARGV[2]  the writer's id
-- ARGV[3]  the writer's tick number within its term
-- ARGV[4]  the writer's wall clock, epoch milliseconds
-- ARGV[5]  entries to keep, about
-- Returns 1 if appended, 0 if rejected as stale, 2 if this tick had been appended before.
local token = tonumber(ARGV[1])
local high = tonumber(redis.call('GET', KEYS[1]) or '0')
if token < high then
  return 0
end
if token == high and tonumber(ARGV[3]) <= tonumber(redis.call('GET', KEYS[3]) or '0') then
  return 2
end
redis.call('SET', KEYS[1], ARGV[1])
redis.call('SET', KEYS[3], ARGV[3])
redis.call('XADD', KEYS[2], 'MAXLEN', '~', ARGV[5], '*', 'owner', ARGV[2], 'token', ARGV[1], 'tick', ARGV[3],
  'at', ARGV[4])
return 1
