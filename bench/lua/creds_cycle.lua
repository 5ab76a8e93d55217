-- Issue and revoke database users: GET BENCH_PATH (database/creds/<role>) issues one; the lease id of
-- each answer is revoked (PUT sys/leases/revoke) by the thread's next request. The summary's ops are
-- completed revocations per second, i.e. users that were created and dropped again.
dofile(os.getenv("BENCH_LUA") .. "/common.lua")
local issue
local pending = {}
revoked = 0
function init(args)
  issue = wrk.format("GET", os.getenv("BENCH_PATH"))
end
function request()
  local id = table.remove(pending)
  if id then
    return wrk.format("PUT", "/v1/sys/leases/revoke", json_headers(), '{"lease_id":"' .. id .. '"}')
  end
  return issue
end
function response(status, headers, body)
  if status == 200 then
    local id = string.match(body, '"lease_id":"([^"]+)"')
    if id then
      table.insert(pending, id)
    end
  elseif status == 204 then
    revoked = revoked + 1
  end
end
function done(summary, latency, requests)
  local threads = bench_done(summary, latency)
  local total = 0
  for _, t in ipairs(threads) do
    total = total + t:get("revoked")
  end
  io.write(string.format("BENCH_CYCLES revoked=%d per_s=%.1f\n", total, total / (summary.duration / 1e6)))
end
