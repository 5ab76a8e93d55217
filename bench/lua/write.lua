-- KV v2 write (new version) of a random one of BENCH_KEYS secrets under BENCH_PREFIX.
dofile(os.getenv("BENCH_LUA") .. "/common.lua")
local n = tonumber(os.getenv("BENCH_KEYS"))
local prefix = os.getenv("BENCH_PREFIX")
local counter = 0
function init(args)
  math.randomseed(os.time() * 1000 + (tid or 0) * 7919)
end
function request()
  counter = counter + 1
  local body = string.format('{"data":{"value":"v-%d-%d","owner":"bench"}}', counter, math.random(1, 1e9))
  return wrk.format("POST", prefix .. math.random(0, n - 1), json_headers(), body)
end
