-- GET a uniformly random one of BENCH_KEYS secrets under BENCH_PREFIX (e.g. /v1/secret/data/k/).
dofile(os.getenv("BENCH_LUA") .. "/common.lua")
local n = tonumber(os.getenv("BENCH_KEYS"))
local prefix = os.getenv("BENCH_PREFIX")
function init(args)
  math.randomseed(os.time() * 1000 + (tid or 0) * 7919)
end
function request()
  return wrk.format("GET", prefix .. math.random(0, n - 1))
end
