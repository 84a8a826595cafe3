-- POST /store/customers/otp/send for the unverified pool customers BENCH_FROM <= i < BENCH_TO, each once
-- (a second send would supersede the first code); the OTP tokens of 200 answers go to BENCH_CAPTURE.
package.path = os.getenv("BENCH_LUA_DIR") .. "/?.lua;" .. package.path
local common = require("common")
setup = common.setup
done = common.done
response = common.response

local from = tonumber(os.getenv("BENCH_FROM"))
local to = tonumber(os.getenv("BENCH_TO"))
local threads = tonumber(os.getenv("BENCH_THREADS"))
local k = 0
local otp_type = os.getenv("BENCH_OTP_TYPE") or "email_verification"
function init(args)
  common.open_capture()
end
function request()
  local i = from + thread_id + k * threads
  k = k + 1
  if i >= to then
    reused = reused + 1
    i = from + (i - from) % (to - from)
  end
  local body = string.format('{"customer_id":"cus_BENCHOTP%018d","type":"%s"}', i, otp_type)
  return wrk.format("POST", "/store/customers/otp/send", common.json, body)
end
