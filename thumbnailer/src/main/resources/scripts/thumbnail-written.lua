-- Records a written thumbnail and counts it for the worker that wrote it, in one round
-- trip: a worker waits for this between two thumbnails, so four commands sent one after
-- the other would leave its core idle four times as long.
--
-- KEYS[1]  the job's thumbnails hash (index → thumbnail JSON)
-- KEYS[2]  the job's per-worker counts
-- ARGV[1]  the thumbnail's index
-- ARGV[2]  the thumbnail, JSON
-- ARGV[3]  the worker
-- ARGV[4]  retention, seconds
redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
redis.call('HINCRBY', KEYS[2], ARGV[3], 1)
redis.call('EXPIRE', KEYS[1], ARGV[4])
redis.call('EXPIRE', KEYS[2], ARGV[4])
return 1
