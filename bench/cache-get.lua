-- wrk script: GET random keys among those preloaded by cache-shards.sh
local keys = tonumber(os.getenv("KEYS") or "1000")
math.randomseed(os.time())
request = function()
  return wrk.format("GET", "/v1/cache/bench-" .. math.random(0, keys - 1))
end
