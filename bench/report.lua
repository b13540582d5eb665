-- wrk script: the API token and If-None-Match come from the environment; done() prints one
-- machine-readable line that bench/run.py parses (latencies in microseconds).
local token = os.getenv("BENCH_TOKEN")
local inm = os.getenv("BENCH_IF_NONE_MATCH")
if token and token ~= "" then
  wrk.headers["Authorization"] = "Token " .. token
end
if inm and inm ~= "" then
  wrk.headers["If-None-Match"] = inm
end
wrk.headers["Accept"] = "application/json"

done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    'BENCHJSON {"requests": %d, "duration_us": %d, "bytes": %d, "connect": %d, "read": %d, ' ..
    '"write": %d, "status": %d, "timeout": %d, "p50_us": %d, "p90_us": %d, "p99_us": %d, ' ..
    '"max_us": %d}\n',
    summary.requests, summary.duration, summary.bytes, e.connect, e.read, e.write, e.status,
    e.timeout, latency:percentile(50), latency:percentile(90), latency:percentile(99),
    latency.max))
end
