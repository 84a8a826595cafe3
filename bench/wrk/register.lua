-- POST /auth/customer/emailpass/register with a new email each time.
package.path = os.getenv("BENCH_LUA_DIR") .. "/?.lua;" .. package.path
local common = require("common")
setup = common.setup
done = common.done
response = common.response

local run = os.getenv("BENCH_RUN") .. "-" .. (os.getenv("BENCH_NONCE") or tostring(os.time()))
local password = os.getenv("BENCH_PASSWORD")
local n = 0
function request()
  n = n + 1
  local body = string.format('{"email":"reg-%s-%d-%d@bench.test","password":"%s"}', run, thread_id, n, password)
  return wrk.format("POST", "/auth/customer/emailpass/register", common.json, body)
end
