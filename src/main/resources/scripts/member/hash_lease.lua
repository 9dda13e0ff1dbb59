-- Takes one lease of the cluster's password-hash budget, atomically: expired leases (an instance that died mid-hash)
-- are dropped first, then a lease is granted only while fewer than the limit are held. Time is Redis' own clock, so
-- instances with skewed clocks agree on expiry.
-- KEYS[1] leases (sorted set: lease id -> expiry in ms); ARGV[1] limit; ARGV[2] lease ttl in ms; ARGV[3] lease id.
-- Returns 1 taken, 0 every lease is held.
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
if redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[1]) then
  return 0
end
redis.call('ZADD', KEYS[1], now + tonumber(ARGV[2]), ARGV[3])
redis.call('PEXPIRE', KEYS[1], ARGV[2])
return 1
