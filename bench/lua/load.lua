-- Prefill: writes secrets BENCH_FROM .. BENCH_TO-1 under BENCH_PREFIX exactly once, split across wrk's
-- threads; a thread stops once its share is stored. Bounded in time by wrk's -d as well.
dofile(os.getenv("BENCH_LUA") .. "/common.lua")
local from = tonumber(os.getenv("BENCH_FROM"))
local to = tonumber(os.getenv("BENCH_TO"))
local nthreads = tonumber(os.getenv("BENCH_THREADS"))
local prefix = os.getenv("BENCH_PREFIX")
local first, last, nextkey, stored, failed, idle
function init(args)
  local share = math.ceil((to - from) / nthreads)
  first = from + tid * share
  last = math.min(first + share, to) - 1
  nextkey = first
  stored, failed = 0, 0
  idle = wrk.format("GET", "/_arca/hello")
end
function request()
  if nextkey > last then
    return idle
  end
  local k = nextkey
  nextkey = nextkey + 1
  return wrk.format("POST", prefix .. k, json_headers(),
    string.format('{"data":{"value":"secret-value-%d","owner":"bench"}}', k))
end
function response(status, headers, body)
  if body and string.find(body, '"version"', 1, true) then
    if status == 200 then stored = stored + 1 else failed = failed + 1 end
  elseif status ~= 200 then
    failed = failed + 1
  end
  wrk.thread:set("stored", stored)
  wrk.thread:set("failed", failed)
  if stored + failed >= last - first + 1 then
    wrk.thread:stop()
  end
end
done = function(summary, latency)
  local threads = bench_done(summary, latency)
  local s, f = 0, 0
  for _, t in ipairs(threads) do
    s = s + (t:get("stored") or 0)
    f = f + (t:get("failed") or 0)
  end
  io.write(string.format("LOADED stored=%d failed=%d\n", s, f))
end
