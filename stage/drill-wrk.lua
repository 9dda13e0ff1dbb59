-- wrk script of the overload and soak drills: POST /api/coupons/{COUPON_ID}/issue, each request with the next minted
-- member token of this thread's slice, counting the answers by status class (wrk alone only reports "non-2xx").
local counter, threads = 0, {}
local tokens, path, stride
c201, c409, c429, c5xx, cother = 0, 0, 0, 0, 0

function setup(thread)
  thread:set("tid", #threads)
  table.insert(threads, thread)
end

function init(args)
  tokens = {}
  for line in io.lines(os.getenv("TOKENS_FILE")) do tokens[#tokens + 1] = line end
  path = "/api/coupons/" .. os.getenv("COUPON_ID") .. "/issue"
  stride = tonumber(os.getenv("WRK_THREADS") or "1")
  counter = tonumber(tid) or 0
end

function request()
  local token = tokens[(counter % #tokens) + 1]
  counter = counter + stride
  return wrk.format("POST", path, { ["Authorization"] = "Bearer " .. token, ["Content-Length"] = "0" })
end

function response(status, headers, body)
  if status == 201 then c201 = c201 + 1
  elseif status == 409 then c409 = c409 + 1
  elseif status == 429 then c429 = c429 + 1
  elseif status >= 500 then c5xx = c5xx + 1
  else cother = cother + 1 end
end

function done(summary, latency, requests)
  local t = { c201 = 0, c409 = 0, c429 = 0, c5xx = 0, cother = 0 }
  for _, thread in ipairs(threads) do
    for k, _ in pairs(t) do t[k] = t[k] + thread:get(k) end
  end
  local e = summary.errors
  io.write(string.format(
    'wrk-json {"requests":%d,"seconds":%.1f,"s201":%d,"s409":%d,"s429":%d,"s5xx":%d,"other":%d,' ..
    '"connect_errors":%d,"read_errors":%d,"write_errors":%d,"timeouts":%d,"p50_ms":%.1f,"p99_ms":%.1f}\n',
    summary.requests, summary.duration / 1e6, t.c201, t.c409, t.c429, t.c5xx, t.cother,
    e.connect, e.read, e.write, e.timeout, latency:percentile(50) / 1000, latency:percentile(99) / 1000))
end
