-- Reserves one login attempt against a failure counter, atomically: refused when the count is already at the cap,
-- otherwise counted now (before the password hash), so N parallel attempts can never all pass a "read then
-- increment later" gap. The window starts with the first counted attempt.
-- KEYS[1] counter; ARGV[1] cap; ARGV[2] window in ms. Returns {1, 0} reserved, or {0, pttl} refused.
local count = tonumber(redis.call('GET', KEYS[1]) or '0')
if count >= tonumber(ARGV[1]) then
  return {0, redis.call('PTTL', KEYS[1])}
end
if redis.call('INCR', KEYS[1]) == 1 then
  redis.call('PEXPIRE', KEYS[1], ARGV[2])
end
return {1, 0}
