-- The HTTP ceiling of the stack: liveness answers from memory, no database, no JSON body parsing.
package.path = os.getenv("BENCH_LUA_DIR") .. "/?.lua;" .. package.path
local common = require("common")
setup = common.setup
done = common.done
response = common.response

wrk.method = "GET"
wrk.path = "/actuator/health/liveness"
