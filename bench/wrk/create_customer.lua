-- POST /store/customers: each registration token (BENCH_INPUT: "<token> <email>" a line) creates one customer.
package.path = os.getenv("BENCH_LUA_DIR") .. "/?.lua;" .. package.path
local common = require("common")
setup = common.setup
done = common.done
response = common.response

local pending
function init(args)
  pending = common.input()
end
function request()
  local token, email = common.next_of(pending):match("(%S+) (%S+)")
  local body = string.format('{"email":"%s","first_name":"Bench","last_name":"Customer"}', email)
  return wrk.format("POST", "/store/customers", common.bearer(token), body)
end
