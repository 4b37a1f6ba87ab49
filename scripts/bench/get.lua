-- wrk script: GET with the token from QD_TOKEN (as a Bearer token for the
-- API and as the session cookie for pages). With QD_PATHS, each request
-- takes the next path of that file (one per line), threads interleaved.
local token = os.getenv("QD_TOKEN")
if token then
  wrk.headers["Authorization"] = "Bearer " .. token
  wrk.headers["Cookie"] = "qd_session=" .. token
end
local paths = nil
local file = os.getenv("QD_PATHS")
if file and file ~= "" then
  paths = {}
  for line in io.lines(file) do paths[#paths + 1] = line end
end
local threads = 0
function setup(thread)
  thread:set("tid", threads)
  threads = threads + 1
end
local i = 0
function init(args)
  i = (tid or 0) * 7919
end
function request()
  if not paths then return wrk.format("GET") end
  i = i + 1
  return wrk.format("GET", paths[(i % #paths) + 1])
end
