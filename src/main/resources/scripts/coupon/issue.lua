-- First-come-first-served issue, atomically: gate, window, per-member dedupe, stock, and the pending record.
-- KEYS[1] coupon:{id}:state   hash: starts, ends (epoch ms), stock (remaining), seq (last ordinal), epoch (fence)
-- KEYS[2] coupon:{id}:holders set of member ids
-- KEYS[3] coupon:{id}:rebuild present while the state is rebuilt from MySQL (expires on its own if the rebuilder dies)
-- KEYS[4] coupon:{id}:pending hash member id -> "ordinal:issuedAtMs:epoch", a unit taken whose row is not confirmed
-- ARGV[1] member id
-- Returns {ordinal, stockLeft, issuedAtMs, epoch} on success, {-6, stockLeft, ordinal, issuedAtMs, epoch} when this
-- member's unit is still pending (their earlier answer was lost: the caller settles it now), or {code, stockLeft}:
--   -1 state missing (never prepared, expired or lost)   -2 gate closed (state being rebuilt)
--   -3 outside the issue window   -4 already issued to this member   -5 sold out
-- Every rejection is decided before any write, so the flood after a sell-out is read-only. The pending record is
-- written in the same call, so a unit can never be taken without a trace any instance can settle.
-- (KEYS[4] may be absent: load/bare-app runs this script without the ledger, as a floor for the per-core benchmark.)
if redis.call('EXISTS', KEYS[3]) == 1 then return {-2, 0} end
local s = redis.call('HMGET', KEYS[1], 'starts', 'ends', 'stock', 'epoch')
if not s[1] then return {-1, 0} end
local stock = tonumber(s[3])
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
if now < tonumber(s[1]) or now >= tonumber(s[2]) then return {-3, stock} end
if redis.call('SISMEMBER', KEYS[2], ARGV[1]) == 1 then
  if KEYS[4] then
    local p = redis.call('HGET', KEYS[4], ARGV[1])
    if p then
      local ordinal, at, epoch = string.match(p, '^(%d+):(%d+):(%d+)$')
      return {-6, stock, tonumber(ordinal), tonumber(at), tonumber(epoch)}
    end
  end
  return {-4, stock}
end
if stock <= 0 then return {-5, 0} end
local epoch = tonumber(s[4]) or 0
redis.call('HSET', KEYS[1], 'stock', stock - 1)
local ordinal = redis.call('HINCRBY', KEYS[1], 'seq', 1)
redis.call('SADD', KEYS[2], ARGV[1])
if KEYS[4] then redis.call('HSET', KEYS[4], ARGV[1], ordinal .. ':' .. now .. ':' .. epoch) end
return {ordinal, stock - 1, now, epoch}
