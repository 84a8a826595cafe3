-- POST /store/customers/otp/verify with pre-issued codes (BENCH_INPUT: "<otp token> <code>" a line), each once.
package.path = os.getenv("BENCH_LUA_DIR") .. "/?.lua;" .. package.path
local common = require("common")
setup = common.setup
done = common.done
response = common.response

local pairs_
function init(args)
  pairs_ = common.input()
end
function request()
  local token, code = common.next_of(pairs_):match("(%S+) (%S+)")
  return wrk.format("POST", "/store/customers/otp/verify", common.json,
      string.format('{"token":"%s","code":"%s"}', token, code))
end
