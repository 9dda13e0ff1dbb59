-- Gives back one pending unit whose row will never exist: stock + 1, the pending record goes, and unless ARGV[3] is
-- 'keep-holder' (MySQL holds an earlier coupon of this member) the member leaves the holders set.
-- KEYS[1] coupon:{id}:state   KEYS[2] coupon:{id}:holders   KEYS[3] coupon:{id}:pending
-- ARGV[1] member id   ARGV[2] the pending record being released   ARGV[3] mode
-- Guarded by the exact record: a release runs at most once per issue, and never undoes a later issue (after a
-- rebuild) of the same member. Returns 1 when the unit went back.
if redis.call('HGET', KEYS[3], ARGV[1]) ~= ARGV[2] then return 0 end
redis.call('HDEL', KEYS[3], ARGV[1])
if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
redis.call('HINCRBY', KEYS[1], 'stock', 1)
if ARGV[3] ~= 'keep-holder' then redis.call('SREM', KEYS[2], ARGV[1]) end
return 1
