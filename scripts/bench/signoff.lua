-- wrk script: sign off items waiting for it (POST /api/v1/items/ID/signoff),
-- each once: the ids come from the file QD_IDS, threads take every
-- QD_THREADS-th id (wrk -t). Past the end of the list requests repeat the last id and
-- are refused (409), so the list must outlast the run.
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer " .. os.getenv("QD_TOKEN")
wrk.body = '{"closure":"resolved"}'
local ids = {}
for line in io.lines(os.getenv("QD_IDS")) do ids[#ids + 1] = line end
local threads = 0
function setup(thread)
  thread:set("tid", threads)
  threads = threads + 1
end
local k = 0
local stride = tonumber(os.getenv("QD_THREADS") or "2")
function request()
  local idx = (tid or 0) + 1 + k * stride
  k = k + 1
  if idx > #ids then idx = #ids end
  return wrk.format(nil, "/api/v1/items/" .. ids[idx] .. "/signoff")
end
