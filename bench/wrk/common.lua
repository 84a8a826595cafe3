-- Shared by the route scripts of bench/run. Environment (set by bench/driver.py):
--   BENCH_THREADS  wrk's -t        BENCH_INPUT    file of input lines (tokens, codes), split between threads
--   BENCH_CAPTURE  file prefix: 200 bodies' "token" values are appended to <prefix>.<thread>
--   BENCH_RUN, BENCH_NONCE  tags that make generated identifiers unique across runs and wrk invocations
local M = {}
local threads = {}

M.json = { ["Content-Type"] = "application/json" }

function M.bearer(token)
  return { ["Content-Type"] = "application/json", ["Authorization"] = "Bearer " .. token }
end

-- Runs in the main Lua state for each thread before it starts: numbers the threads.
function M.setup(thread)
  thread:set("thread_id", #threads)
  table.insert(threads, thread)
end

-- This thread's share of the input file: every BENCH_THREADS-th line.
function M.input()
  local path = os.getenv("BENCH_INPUT")
  local count = tonumber(os.getenv("BENCH_THREADS") or "1")
  local lines, n = {}, 0
  if path then
    for line in io.lines(path) do
      if n % count == thread_id and line ~= "" then
        table.insert(lines, line)
      end
      n = n + 1
    end
  end
  return lines
end

-- Input lines taken in order, each once (codes, registration tokens): a request after the last line reuses
-- one and is counted, since the service then rightly refuses it.
local cursor = 0
reused = 0
function M.next_of(lines)
  cursor = cursor + 1
  if cursor > #lines then
    reused = reused + 1
    return lines[(cursor - 1) % #lines + 1]
  end
  return lines[cursor]
end

-- Input lines used round and round (login tokens).
function M.cycle(lines)
  cursor = cursor % #lines + 1
  return lines[cursor]
end

local capture
function M.open_capture()
  local prefix = os.getenv("BENCH_CAPTURE")
  if prefix then
    capture = io.open(prefix .. "." .. thread_id, "a")
  end
end

-- Counts answers by status; appends the "token" of a 200 body to the capture file when capturing.
statuses = {}
function M.response(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
  if capture and status == 200 then
    local token = body:match('"token"%s*:%s*"([^"]+)"')
    if token then
      capture:write(token, "\n")
      capture:flush()
    end
  end
end

-- One line for the driver: wrk's own counts and latency percentiles (microseconds).
function M.done(summary, latency, requests)
  local wraps, counts = 0, {}
  for _, thread in ipairs(threads) do
    wraps = wraps + (thread:get("reused") or 0)
    for status, n in pairs(thread:get("statuses") or {}) do
      counts[status] = (counts[status] or 0) + n
    end
  end
  local by_status = {}
  for status, n in pairs(counts) do
    table.insert(by_status, string.format('"%d":%d', status, n))
  end
  local e = summary.errors
  io.write(string.format(
    'BENCH_RESULT {"requests":%d,"duration_us":%d,"status_errors":%d,"connect_errors":%d,"read_errors":%d,' ..
    '"write_errors":%d,"timeouts":%d,"p50_us":%d,"p90_us":%d,"p99_us":%d,"max_us":%d,"mean_us":%.1f,"input_reused":%d,"statuses":{%s}}\n',
    summary.requests, summary.duration, e.status, e.connect, e.read, e.write, e.timeout,
    latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max, latency.mean, wraps,
    table.concat(by_status, ",")))
end

return M
