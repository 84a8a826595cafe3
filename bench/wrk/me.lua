-- GET /store/customers/me with many login tokens (BENCH_INPUT: one token a line), each thread its own share.
package.path = os.getenv("BENCH_LUA_DIR") .. "/?.lua;" .. package.path
local common = require("common")
setup = common.setup
done = common.done
response = common.response

local tokens
function init(args)
  tokens = common.input()
end
function request()
  return wrk.format("GET", "/store/customers/me", common.bearer(common.cycle(tokens)))
end
