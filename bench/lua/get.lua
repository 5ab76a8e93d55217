-- GET one fixed path (BENCH_PATH), e.g. a hot secret or lookup-self.
dofile(os.getenv("BENCH_LUA") .. "/common.lua")
local req
function init(args)
  req = wrk.format("GET", os.getenv("BENCH_PATH"))
end
function request()
  return req
end
