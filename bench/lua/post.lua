-- POST a fixed JSON body (BENCH_BODY) to BENCH_PATH, e.g. auth/token/create.
dofile(os.getenv("BENCH_LUA") .. "/common.lua")
local req
function init(args)
  req = wrk.format("POST", os.getenv("BENCH_PATH"), json_headers(), os.getenv("BENCH_BODY"))
end
function request()
  return req
end
