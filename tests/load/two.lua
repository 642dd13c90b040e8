-- Two proxy instances at once: wrk's threads take the addresses in TARGETS in turn (with -t2,
-- one thread, and so half the connections, on each instance).
-- MEMBERS=distinct: every request asks for a member nobody asked for before;
-- MEMBERS=N: members 0 to N-1 in turn, on every thread (so each instance asks for all of them);
-- otherwise the URL's own path (a cached member).
dofile("tests/load/report.lua")

local targets = {}
for target in string.gmatch(os.getenv("TARGETS") or "", "%S+") do
  table.insert(targets, target)
end

local threads = 0
setup = function(thread)
  threads = threads + 1
  local host, port = targets[(threads - 1) % #targets + 1]:match("^(.+):(%d+)$")
  thread.addr = wrk.lookup(host, port)[1]
  thread:set("tid", threads)
end

local members = os.getenv("MEMBERS") or ""
local counter = 0
request = function()
  counter = counter + 1
  if members == "distinct" then
    return wrk.format("GET", "/v2/users/member-" .. tid .. "-" .. counter .. "/points")
  elseif members ~= "" then
    return wrk.format("GET", "/v2/users/shared-" .. (counter % tonumber(members)) .. "/points")
  end
  return wrk.request()
end
