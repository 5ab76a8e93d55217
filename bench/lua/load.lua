-- Prefill: writes secrets BENCH_FROM .. BENCH_TO-1 under BENCH_PREFIX exactly once, split across wrk's
-- threads; a thread stops once its share is stored. Bounded in time by wrk's -d as well.
-- wrk calls request() once on the first thread's state to check the script (the request is never
-- sent), so after its range each thread writes its first key once more (the same value again).
-- wrk runs for its whole -d even when every thread has stopped: a finished thread leaves a file
-- done-<tid> in BENCH_MARK_DIR, and bench/run interrupts wrk (SIGINT, which still prints the summary).
local markdir = os.getenv("BENCH_MARK_DIR")
dofile(os.getenv("BENCH_LUA") .. "/common.lua")
local from = tonumber(os.getenv("BENCH_FROM"))
local to = tonumber(os.getenv("BENCH_TO"))
local nthreads = tonumber(os.getenv("BENCH_THREADS"))
local prefix = os.getenv("BENCH_PREFIX")
local first, last, nextkey, stored, failed, idle, resent
function init(args)
  local share = math.ceil((to - from) / nthreads)
  first = from + tid * share
  last = math.min(first + share, to) - 1
  nextkey = first
  stored, failed = 0, 0
  idle = wrk.format("GET", "/_arca/hello")
end
function request()
  local k
  if nextkey <= last then
    k = nextkey
    nextkey = nextkey + 1
  elseif not resent then
    resent = true
    k = first
  else
    return idle
  end
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
  if stored + failed >= last - first + 1 and resent then
    if markdir then
      local f = io.open(markdir .. "/done-" .. tid, "w")
      if f then f:close() end
    end
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
