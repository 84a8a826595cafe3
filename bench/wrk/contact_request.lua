-- POST /store/customers/me/contact: a customer (login tokens in BENCH_INPUT) asks to move to a new email.
package.path = os.getenv("BENCH_LUA_DIR") .. "/?.lua;" .. package.path
local common = require("common")
setup = common.setup
done = common.done
response = common.response

local run = os.getenv("BENCH_RUN") .. "-" .. (os.getenv("BENCH_NONCE") or tostring(os.time()))
local tokens
local n = 0
function init(args)
  tokens = common.input()
end
function request()
  n = n + 1
  local body = string.format('{"email":"new-%s-%d-%d@bench.test"}', run, thread_id, n)
  return wrk.format("POST", "/store/customers/me/contact", common.bearer(common.cycle(tokens)), body)
end
