-- Publishes the result of an upstream call to the instances waiting for it.
-- KEYS[1]  the member's lock, KEYS[2]  the result key of this call
-- ARGV[1]  this call's token, ARGV[2]  the result, ARGV[3]  how long the result is kept (ms)
-- ARGV[4]  how long the lock lingers once the result is out (ms): a request that missed the
--          cache a moment before still finds this result instead of calling again
redis.call('SET', KEYS[2], ARGV[2], 'PX', ARGV[3])
if redis.call('GET', KEYS[1]) == ARGV[1] then
  redis.call('PEXPIRE', KEYS[1], ARGV[4])
end
return 1
