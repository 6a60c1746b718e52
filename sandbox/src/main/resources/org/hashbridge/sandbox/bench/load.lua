-- wrk script of the HashBridge benchmark (org.hashbridge.sandbox.bench.Wrk), one of three kinds of request:
--   wrk ... -s load.lua URL -- bare                 GET /api/v1/node
--   wrk ... -s load.lua URL -- verify BODIES        POST /api/v1/verifications, the lines of BODIES in turn
--   wrk ... -s load.lua URL -- anchor RUN UNTIL     POST /api/v1/anchors, a digest no other request sends
-- The API key comes from the variable HASHBRIDGE_API_KEY. Every answer is counted by status, verdicts
-- VERIFIED too, and a few receipts are kept; done() prints them as "hb ..." lines the benchmark reads.

local threads = {}
local started = 0

function setup(thread)
   started = started + 1
   thread:set("id", started)
   table.insert(threads, thread)
end

function init(args)
   kind = args[1]
   statuses = {}
   verified = 0
   receipts = {}
   sent = 0
   local key = os.getenv("HASHBRIDGE_API_KEY")
   if key then
      wrk.headers["Authorization"] = "Bearer " .. key
   end
   wrk.headers["Content-Type"] = "application/json"
   if kind == "verify" then
      bodies = {}
      for line in io.lines(args[2]) do
         table.insert(bodies, line)
      end
   elseif kind == "anchor" then
      run = args[2]
      anchor = '","algorithm":"sha-256","documentType":"credit-report","subject":"HK-A1234567","validUntil":"'
            .. args[3] .. '"}'
   end
end

function request()
   sent = sent + 1
   if kind == "verify" then
      return wrk.format("POST", "/api/v1/verifications", nil, bodies[sent % #bodies + 1])
   elseif kind == "anchor" then
      -- 16 hex digits of the run, 8 of the thread, 40 of the request's number: 32 bytes, never twice
      local digest = string.format("%s%08x%040d", run, id, sent)
      return wrk.format("POST", "/api/v1/anchors", nil, '{"digest":"' .. digest .. anchor)
   end
   return wrk.format("GET", "/api/v1/node")
end

function response(status, headers, body)
   statuses[status] = (statuses[status] or 0) + 1
   if kind == "verify" and status == 200 and string.find(body, '"verdict":"VERIFIED"', 1, true) then
      verified = verified + 1
      if verified % 97 == 1 and #receipts < 20 then
         table.insert(receipts, string.match(body, '"receipt":"([^"]+)"'))
      end
   end
end

function done(summary, latency, requests)
   local e = summary.errors
   io.write(string.format("hb summary requests=%d duration_us=%d connect=%d read=%d write=%d status=%d timeout=%d\n",
         summary.requests, summary.duration, e.connect, e.read, e.write, e.status, e.timeout))
   io.write(string.format("hb latency p50_us=%d p90_us=%d p99_us=%d max_us=%d\n", latency:percentile(50),
         latency:percentile(90), latency:percentile(99), latency.max))
   for _, thread in ipairs(threads) do
      for status, n in pairs(thread:get("statuses")) do
         io.write(string.format("hb status %d %d\n", status, n))
      end
      io.write(string.format("hb verified %d\n", thread:get("verified")))
      for _, receipt in ipairs(thread:get("receipts")) do
         io.write("hb receipt " .. receipt .. "\n")
      end
   end
end
