-- First-come-first-served issue, atomically: gate, window, per-member dedupe, stock.
-- KEYS[1] coupon:{id}:state   hash: starts, ends (epoch ms), stock (remaining), seq (last ordinal issued)
-- KEYS[2] coupon:{id}:holders set of member ids
-- KEYS[3] coupon:{id}:rebuild present while the state is rebuilt from MySQL (expires on its own if the rebuilder dies)
-- ARGV[1] member id
-- Returns {ordinal, stockLeft} on success, or {code, stockLeft}:
--   -1 state missing (never prepared, expired or lost)   -2 gate closed (state being rebuilt)
--   -3 outside the issue window   -4 already issued to this member   -5 sold out
-- Every rejection is decided before any write, so the flood after a sell-out is read-only.
if redis.call('EXISTS', KEYS[3]) == 1 then return {-2, 0} end
local s = redis.call('HMGET', KEYS[1], 'starts', 'ends', 'stock')
if not s[1] then return {-1, 0} end
local stock = tonumber(s[3])
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
if now < tonumber(s[1]) or now >= tonumber(s[2]) then return {-3, stock} end
if redis.call('SISMEMBER', KEYS[2], ARGV[1]) == 1 then return {-4, stock} end
if stock <= 0 then return {-5, 0} end
redis.call('HSET', KEYS[1], 'stock', stock - 1)
local ordinal = redis.call('HINCRBY', KEYS[1], 'seq', 1)
redis.call('SADD', KEYS[2], ARGV[1])
return {ordinal, stock - 1}
