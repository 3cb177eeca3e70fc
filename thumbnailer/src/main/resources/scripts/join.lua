-- The barrier of a video job: records that one frame arrived and says whether this
-- arrival completes the job, in one atomic step so two instances racing on the last two
-- frames cannot both (or neither) see the job complete.
--
-- Arrivals are a set, so a redelivered frame counts once. The caller that completes the
-- set takes a claim with a lease, publishes "video completed", then marks the claim done.
-- If it dies in between, the claim expires and whoever gets the redelivered frame takes
-- it over, so the event is not lost; while the claim is live, others wait.
--
-- KEYS[1]  set of frame indexes that arrived
-- KEYS[2]  the claim: absent, a claimant's id, or 'done'
-- ARGV[1]  this frame's index
-- ARGV[2]  frames the job expects
-- ARGV[3]  this claimant's id
-- ARGV[4]  claim lease, milliseconds
-- ARGV[5]  retention of both keys, milliseconds
-- Returns 0 waiting for frames, 1 this caller must publish, 2 already published,
-- 3 another claimant is publishing (JoinOutcome in Java reads these).
redis.call('SADD', KEYS[1], ARGV[1])
redis.call('PEXPIRE', KEYS[1], ARGV[5])
if redis.call('SCARD', KEYS[1]) < tonumber(ARGV[2]) then
  return 0
end
local claim = redis.call('GET', KEYS[2])
if claim == 'done' then
  return 2
end
if claim and claim ~= ARGV[3] then
  return 3
end
redis.call('SET', KEYS[2], ARGV[3], 'PX', ARGV[4])
return 1
