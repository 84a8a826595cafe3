-- GET /admin/customers as an operator searches (issue 20), with one admin token (BENCH_INPUT: its one line):
-- a random seeded customer's email prefix (bench-<i>), a name prefix ("customer <i>"), an id prefix, the first
-- page of the whole list (newest first, with its count) and a filtered page (blocked=false&email_verified=true).
package.path = os.getenv("BENCH_LUA_DIR") .. "/?.lua;" .. package.path
local common = require("common")
setup = common.setup
done = common.done
response = common.response

local customers = tonumber(os.getenv("BENCH_CUSTOMERS"))
local token
function init(args)
  math.randomseed(os.time() * 1000 + thread_id)
  -- one token for every thread (common.input would give the one line to the first thread only)
  local file = io.open(os.getenv("BENCH_INPUT"))
  token = file:read("*l")
  file:close()
end
local n = 0
function request()
  n = n + 1
  local i = math.random(0, customers - 1)
  local kind = n % 5
  local path
  if kind == 0 then
    path = "/admin/customers?q=bench-" .. i .. "&limit=20"
  elseif kind == 1 then
    path = "/admin/customers?q=customer%20" .. i .. "&limit=20"
  elseif kind == 2 then
    path = "/admin/customers?q=cus_BENCH" .. string.rep("0", 21 - #tostring(i)) .. i .. "&limit=20"
  elseif kind == 3 then
    path = "/admin/customers?limit=20"
  else
    path = "/admin/customers?blocked=false&email_verified=true&limit=20&order=-created_at"
  end
  return wrk.format("GET", path, common.bearer(token))
end
