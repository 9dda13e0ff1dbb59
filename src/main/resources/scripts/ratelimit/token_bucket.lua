-- Token bucket shared by all instances; one call per request on REDIS-mode (cold) routes.
-- KEYS[1]: the bucket (hash: tokens, ts)
-- ARGV[1]: capacity, ARGV[2]: refill tokens per second, ARGV[3]: tokens this request costs
-- Returns {allowed (1/0), whole tokens left, milliseconds until the request could succeed}.
-- Redis' own clock, so instances with skewed clocks agree.
local capacity = tonumber(ARGV[1])
local rate = tonumber(ARGV[2])
local cost = tonumber(ARGV[3])
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
local state = redis.call('HMGET', KEYS[1], 'tokens', 'ts')
local tokens = tonumber(state[1])
local ts = tonumber(state[2])
if tokens == nil or ts == nil then
  tokens = capacity
  ts = now
end
if now > ts then
  tokens = tokens + (now - ts) * rate / 1000
  ts = now
end
if tokens > capacity then
  tokens = capacity
end
local allowed = 0
local wait = 0
if tokens >= cost then
  tokens = tokens - cost
  allowed = 1
else
  wait = math.ceil((cost - tokens) * 1000 / rate)
end
redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'ts', ts)
redis.call('PEXPIRE', KEYS[1], math.ceil(capacity * 1000 / rate) + 1000)
return {allowed, math.floor(tokens), wait}
