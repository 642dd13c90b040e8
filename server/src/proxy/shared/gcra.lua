-- GCRA (the generic cell rate algorithm), atomically, on Redis's own clock.
-- KEYS[1]  the theoretical arrival time of the next call, in microseconds
-- ARGV[1]  the period between calls at the steady rate, in microseconds
-- ARGV[2]  the burst: how many calls may pass at once
-- ARGV[3]  calls already made without asking (while Redis was away), counted first
-- Returns 0 when the call passes (and counts it), else the microseconds until one would pass.
local now = redis.call('TIME')
now = tonumber(now[1]) * 1000000 + tonumber(now[2])
local period = tonumber(ARGV[1])
local burst = tonumber(ARGV[2])
local spent = tonumber(ARGV[3] or '0')
local tat = tonumber(redis.call('GET', KEYS[1]) or now)
if tat < now then
  tat = now
end
tat = tat + spent * period
local next_tat = tat + period
local wait = next_tat - burst * period - now
if wait > 0 then
  if spent > 0 then
    redis.call('SET', KEYS[1], string.format('%d', tat), 'PX', math.ceil((tat - now) / 1000) + 1)
  end
  return math.ceil(wait)
end
-- Kept only while it still holds back a call.
redis.call('SET', KEYS[1], string.format('%d', next_tat), 'PX', math.ceil((next_tat - now) / 1000) + 1)
return 0
