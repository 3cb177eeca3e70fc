-- Moves a job to a new state unless it already ended. Stages run at least once and in
-- parallel, so a late or repeated record (a redelivered filter record after the job is
-- done, a frame finishing after another frame failed the job) must not revive a job that
-- is done or failed: the check and the write are one atomic step.
--
-- KEYS[1]  the job hash
-- ARGV[1]  the new state
-- ARGV[2]  now, ISO-8601
-- ARGV[3…] further field, value pairs to set with it
-- Returns 1 if the job moved, 0 if it had already ended, -1 if there is no such job.
local state = redis.call('HGET', KEYS[1], 'state')
if not state then
  return -1
end
if state == 'done' or state == 'failed' then
  return 0
end
redis.call('HSET', KEYS[1], 'state', ARGV[1], 'updatedAt', ARGV[2], unpack(ARGV, 3))
return 1
