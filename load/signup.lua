-- wrk script: POST /api/auth/signup, a new email every request (a signup flood: every request costs a bcrypt hash).
-- Prints how many answers had each status and, for 429s, each reason (the hash budget, a rate limit, admission), so
-- a run says what refused the flood.
local counter = 0
local run = tostring(os.time()) .. "-" .. tostring(math.random(1, 1000000000))
tally = {} -- global: done() reads each thread's copy with thread:get
local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function request()
  counter = counter + 1
  local body = '{"email":"flood-' .. run .. '-' .. counter .. '@example.com","password":"flood-password-1","name":"F"}'
  return wrk.format("POST", "/api/auth/signup", { ["Content-Type"] = "application/json" }, body)
end

function response(status, headers, body)
  local key = tostring(status)
  if status == 429 and body then
    key = key .. " " .. (body:match('"reason"%s*:%s*"([^"]*)"') or "?")
  end
  tally[key] = (tally[key] or 0) + 1
end

function done(summary, latency, requests)
  local total = {}
  for _, thread in ipairs(threads) do
    for key, n in pairs(thread:get("tally")) do
      total[key] = (total[key] or 0) + n
    end
  end
  for key, n in pairs(total) do
    io.write(string.format("status %s: %d\n", key, n))
  end
end
