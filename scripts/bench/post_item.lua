-- wrk script: POST a new item per request (durable writes). QD_UNIT is the
-- owner unit; with QD_FIXED=1 the item is recorded as already fixed at once
-- (立行立改), so that it waits for sign-off (the sign-off rows use them).
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer " .. os.getenv("QD_TOKEN")
local unit = os.getenv("QD_UNIT")
local fixed = os.getenv("QD_FIXED") == "1"
local threads = 0
function setup(thread)
  thread:set("tid", threads)
  threads = threads + 1
end
local n = 0
function request()
  n = n + 1
  local body
  if fixed then
    body = string.format(
      '{"source":"self_inspection","level":"member","title":"压测立行立改问题 %d-%d","unit_id":%s,"mode":"immediate","already_fixed":true}',
      tid or 0, n, unit)
  else
    body = string.format(
      '{"source":"self_inspection","level":"member","title":"压测问题 %d-%d","unit_id":%s,"mode":"deadline","due_working_days":10}',
      tid or 0, n, unit)
  end
  return wrk.format(nil, nil, nil, body)
end
