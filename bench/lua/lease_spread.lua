-- PUT sys/leases/<BENCH_OP> (lookup or renew) of a uniformly random one of BENCH_KEYS leases, named
-- BENCH_PREFIX followed by the lease's number in 24 digits (as bench/lease fills them).
dofile(os.getenv("BENCH_LUA") .. "/common.lua")
local n = tonumber(os.getenv("BENCH_KEYS"))
local prefix = os.getenv("BENCH_PREFIX")
local op = os.getenv("BENCH_OP")
local path = "/v1/sys/leases/" .. op
local extra = op == "renew" and ',"increment":"720h"' or ""
local headers
function init(args)
  math.randomseed(os.time() * 1000 + (tid or 0) * 7919)
  headers = json_headers()
end
function request()
  local id = prefix .. string.format("%024d", math.random(0, n - 1))
  return wrk.format("PUT", path, headers, '{"lease_id":"' .. id .. '"' .. extra .. '}')
end
