-- Each instance's heartbeat, every sync interval: one round trip that registers (or removes) the instance, drops
-- instances whose heartbeat is stale, counts the live ones and reads the version of the runtime limit overrides.
-- KEYS[1]: live instances (sorted set, score = last heartbeat ms), KEYS[2]: overrides version
-- ARGV[1]: instance id, ARGV[2]: instance ttl ms, ARGV[3]: '1' heartbeat, '0' leave
-- Returns {live instances, overrides version}.
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
local ttl = tonumber(ARGV[2])
if ARGV[3] == '1' then
  redis.call('ZADD', KEYS[1], now, ARGV[1])
else
  redis.call('ZREM', KEYS[1], ARGV[1])
end
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - ttl)
redis.call('PEXPIRE', KEYS[1], ttl * 10)
local live = redis.call('ZCARD', KEYS[1])
local version = tonumber(redis.call('GET', KEYS[2]) or '0')
return {live, version}
