-- Every request asks for a member nobody asked for before.
dofile("tests/load/report.lua")

local threads = 0
setup = function(thread)
  threads = threads + 1
  thread:set("tid", threads)
end

local counter = 0
request = function()
  counter = counter + 1
  return wrk.format("GET", "/v2/users/member-" .. tid .. "-" .. counter .. "/points")
end
