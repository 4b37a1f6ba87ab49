-- wrk script for make soak: a mixed read/write load.
--   QD_READ_TOKEN   a reader's token (Bearer for the API, session cookie for pages)
--   QD_WRITE_TOKEN  a handler's token for the writes
--   QD_PATHS        file of paths to GET, one per line, taken in turn
--   QD_ITEMS        file of item ids the handler may add measures to
--   QD_UNIT         the unit new items are put on
--   QD_WRITE_EVERY  one request in this many is a write (default 5), new items
--                   and new measures alternately
--   QD_DELAY_MS     pause before each request of a connection (default 0),
--                   which sets the rate below capacity
local read_token = os.getenv("QD_READ_TOKEN")
local write_token = os.getenv("QD_WRITE_TOKEN")
local unit = os.getenv("QD_UNIT")
local every = tonumber(os.getenv("QD_WRITE_EVERY") or "5")
local pause = tonumber(os.getenv("QD_DELAY_MS") or "0")

local function lines(name)
  local t = {}
  for line in io.lines(os.getenv(name)) do t[#t + 1] = line end
  return t
end
local paths = lines("QD_PATHS")
local items = lines("QD_ITEMS")

local threads = 0
function setup(thread)
  thread:set("tid", threads)
  threads = threads + 1
end

local n = 0
local reads = { ["Authorization"] = "Bearer " .. read_token,
                ["Cookie"] = "qd_session=" .. read_token }
local writes = { ["Authorization"] = "Bearer " .. write_token,
                 ["Content-Type"] = "application/json" }

function init(args)
  n = (tid or 0) * 7919
end

function delay()
  return pause
end

function request()
  n = n + 1
  if n % every ~= 0 then
    return wrk.format("GET", paths[(n % #paths) + 1], reads)
  end
  if (n / every) % 2 == 0 then
    local body = string.format(
      '{"source":"self_inspection","level":"member","title":"长稳测试问题 %d-%d","unit_id":%s,"mode":"deadline","due_working_days":10}',
      tid or 0, n, unit)
    return wrk.format("POST", "/api/v1/items", writes, body)
  end
  local item = items[(n % #items) + 1]
  local body = string.format('{"text":"长稳测试措施 %d-%d"}', tid or 0, n)
  return wrk.format("POST", "/api/v1/items/" .. item .. "/measures", writes, body)
end
