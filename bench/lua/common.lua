-- Shared by every bench script: token header, per-thread ids, and a machine-readable summary line.
local token = os.getenv("BENCH_TOKEN")
if token and token ~= "" then
  wrk.headers["X-Vault-Token"] = token
end
wrk.headers["Connection"] = "keep-alive"
local wrap_ttl = os.getenv("BENCH_WRAP_TTL")
if wrap_ttl and wrap_ttl ~= "" then
  wrk.headers["X-Vault-Wrap-TTL"] = wrap_ttl
end

-- wrk.format uses a headers table instead of wrk.headers, not in addition to it
function json_headers()
  local h = {}
  for k, v in pairs(wrk.headers) do h[k] = v end
  h["Content-Type"] = "application/json"
  return h
end

local threads = {}
local next_id = 0

function setup(thread)
  thread:set("tid", next_id)
  next_id = next_id + 1
  table.insert(threads, thread)
end

function bench_done(summary, latency)
  local e = summary.errors
  local errors = e.connect + e.read + e.write + e.status + e.timeout
  local secs = summary.duration / 1e6
  io.write(string.format("BENCH requests=%d seconds=%.3f ops=%.1f p50_ms=%.3f p99_ms=%.3f p999_ms=%.3f errors=%d\n",
    summary.requests, secs, summary.requests / secs,
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, latency:percentile(99.9) / 1000, errors))
  return threads
end

done = bench_done
