-- POST /auth/customer/emailpass for random seeded customers (bench-<i>@bench.test, 0 <= i < BENCH_CUSTOMERS).
package.path = os.getenv("BENCH_LUA_DIR") .. "/?.lua;" .. package.path
local common = require("common")
setup = common.setup
done = common.done
response = common.response

local customers = tonumber(os.getenv("BENCH_CUSTOMERS"))
local password = os.getenv("BENCH_PASSWORD")
function init(args)
  math.randomseed(os.time() * 1000 + thread_id)
  common.open_capture()
end
function request()
  local body = string.format('{"email":"bench-%d@bench.test","password":"%s"}', math.random(0, customers - 1), password)
  return wrk.format("POST", "/auth/customer/emailpass", common.json, body)
end
