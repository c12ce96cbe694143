-- wrk script for benchmarks/http.sh: one connection per thread (-t N -c N), so each connection logs in
-- once (GET /login), keeps its own session cookie and then requests the workload's path with it.
local path = "/read"
local cookie = nil

function init(args)
  path = args[1] or path
end

function request()
  if cookie == nil then
    return wrk.format("GET", "/login")
  end
  return wrk.format("GET", path, { ["Cookie"] = cookie })
end

function response(status, headers, body)
  if cookie == nil then
    local set = headers["Set-Cookie"] or headers["set-cookie"]
    if set ~= nil then
      cookie = set:match("^[^;]+")
    else
      cookie = "none=1"
    end
  end
end
