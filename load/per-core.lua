-- wrk script of load/per-core: POST /api/coupons/{COUPON_ID}/issue, each request with the next line of MEMBERS_FILE
-- ("memberId token"): Surge reads the member from the bearer token, the bare app from X-Member-Id, so both get the
-- same bytes.
local members = {}
local counter = 0
local path

function init(args)
  for line in io.lines(os.getenv("MEMBERS_FILE")) do
    local id, token = line:match("^(%d+) (.+)$")
    members[#members + 1] = { ["Authorization"] = "Bearer " .. token, ["X-Member-Id"] = id, ["Content-Length"] = "0" }
  end
  path = "/api/coupons/" .. os.getenv("COUPON_ID") .. "/issue"
end

function request()
  counter = counter + 1
  return wrk.format("POST", path, members[((counter - 1) % #members) + 1])
end
