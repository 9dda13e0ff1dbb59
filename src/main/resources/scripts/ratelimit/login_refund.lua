-- Gives a reserved attempt back (the login succeeded, or never reached the password check). Never below zero and
-- never on a counter that expired meanwhile (a DECR there would create a key without expiry).
-- KEYS[1] counter. Returns the count after.
local count = tonumber(redis.call('GET', KEYS[1]) or '0')
if count > 0 then
  return redis.call('DECR', KEYS[1])
end
return 0
