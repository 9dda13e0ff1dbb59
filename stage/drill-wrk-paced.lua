-- drill-wrk.lua at a target rate instead of as fast as the box goes (wrk is closed-loop): each connection waits
-- CONNECTIONS / RATE seconds between its requests, a little less for the answer's own time, so the whole run offers
-- about RATE requests/s. The soak drill states the rate it achieved, not the one it asked.
dofile(os.getenv("DRILL_WRK_DIR") .. "/drill-wrk.lua")
local pause = tonumber(os.getenv("CONNECTIONS")) * 1000 / tonumber(os.getenv("RATE")) * 0.97

function delay()
  return pause
end
