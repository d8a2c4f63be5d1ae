-- wrk script: a random factory page among the ids given in the SITE_IDS environment variable.
local ids = {}
for id in string.gmatch(os.getenv("SITE_IDS") or "1", "%d+") do ids[#ids + 1] = id end
request = function()
  return wrk.format("GET", "/usines/" .. ids[math.random(#ids)])
end
