-- wrk script: POST a new item per request (durable writes).
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer " .. os.getenv("QD_TOKEN")
local unit = os.getenv("QD_UNIT")
local n = 0
request = function()
  n = n + 1
  local body = string.format(
    '{"source":"self_inspection","level":"member","title":"压测问题 %d","unit_id":%s,"mode":"deadline","due_working_days":10}',
    n, unit)
  return wrk.format(nil, nil, nil, body)
end
