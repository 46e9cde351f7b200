-- wrk script for the soak: cycles through several routes and bodies, one request each in turn. The file named
-- after `--` lists them, one "PATH BODY_FILE" per line. Prints the same WRK_JSON line as post.lua, plus the
-- number of non-2xx responses seen by each thread (wrk's own status error count covers >= 400 only).
local requests_list = {}
local next_index = 1

function init(args)
  for line in io.lines(args[1]) do
    local path, file = line:match("^(%S+)%s+(%S+)$")
    if path then
      local f = assert(io.open(file, "rb"))
      local body = f:read("*a")
      f:close()
      requests_list[#requests_list + 1] =
        wrk.format("POST", path, { ["Content-Type"] = "application/json" }, body)
    end
  end
  next_index = math.random(#requests_list)
end

function request()
  local r = requests_list[next_index]
  next_index = next_index % #requests_list + 1
  return r
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    'WRK_JSON {"requests":%d,"duration_us":%d,"bytes":%d,"errors":{"connect":%d,"read":%d,"write":%d,' ..
    '"status":%d,"timeout":%d},"latency_us":{"mean":%.1f,"max":%d,"p50":%d,"p90":%d,"p99":%d,"p999":%d}}\n',
    summary.requests, summary.duration, summary.bytes, e.connect, e.read, e.write, e.status, e.timeout,
    latency.mean, latency.max, latency:percentile(50), latency:percentile(90), latency:percentile(99),
    latency:percentile(99.9)))
end
