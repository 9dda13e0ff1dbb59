-- Undo one issue whose MySQL write did not happen: the unit returns to stock and, unless ARGV[2] is 'keep-holder'
-- (MySQL already has this member's coupon), the member leaves the holders set.
-- KEYS[1] coupon:{id}:state   KEYS[2] coupon:{id}:holders   ARGV[1] member id   ARGV[2] mode
-- Guarded by SREM so a compensation can never run twice for one issue.
if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
if ARGV[2] == 'keep-holder' then
  if redis.call('SISMEMBER', KEYS[2], ARGV[1]) == 1 then
    redis.call('HINCRBY', KEYS[1], 'stock', 1)
    return 1
  end
  return 0
end
if redis.call('SREM', KEYS[2], ARGV[1]) == 1 then
  redis.call('HINCRBY', KEYS[1], 'stock', 1)
  return 1
end
return 0
