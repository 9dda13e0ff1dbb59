-- wrk script: POST /api/coupons/{COUPON_ID}/issue, each request with the next member token of this thread's slice.
local counter = 0
local threads = {}
local tokens, path, offset, stride

function setup(thread)
  thread:set("tid", #threads)
  table.insert(threads, thread)
end

function init(args)
  tokens = {}
  for line in io.lines(os.getenv("TOKENS_FILE")) do tokens[#tokens + 1] = line end
  path = "/api/coupons/" .. os.getenv("COUPON_ID") .. "/issue"
  offset = tonumber(tid) or 0
  stride = tonumber(os.getenv("WRK_THREADS") or "1")
  counter = offset
end

function request()
  local token = tokens[(counter % #tokens) + 1]
  counter = counter + stride
  return wrk.format("POST", path, { ["Authorization"] = "Bearer " .. token, ["Content-Length"] = "0" })
end
