-- wrk script: POST /api/auth/signup, a new email every request (a signup flood: every request costs a bcrypt hash).
local counter = 0
local run = tostring(os.time()) .. "-" .. tostring(math.random(1, 1000000000))

function request()
  counter = counter + 1
  local body = '{"email":"flood-' .. run .. '-' .. counter .. '@example.com","password":"flood-password-1","name":"F"}'
  return wrk.format("POST", "/api/auth/signup", { ["Content-Type"] = "application/json" }, body)
end
