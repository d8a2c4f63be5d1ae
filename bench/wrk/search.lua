-- wrk script: /api/v1/search with a random town (name or postcode), radius and filters per request.
-- JUO_WRK_PATH=/healthz sends the same random query strings to the trivial endpoint instead, to
-- measure it with the same client-side cost (one Lua call per request).
local path = os.getenv("JUO_WRK_PATH") or "/api/v1/search"
local towns = {"Lyon", "Paris", "Marseille", "Toulouse", "Lille", "Bordeaux", "Nantes", "Strasbourg",
               "Rennes", "Grenoble", "Saint-Étienne", "Clermont-Ferrand", "Rouen", "Mulhouse", "Le Mans",
               "69001", "13001", "31000", "59000", "44000", "Brest", "Dijon", "Tours", "Amiens", "Metz"}
local days = {"", "friday", "saturday"}
local audiences = {"", "", "school", "public", "job_seekers"}
local sectors = {"", "", "", "29", "30", "25", "10", "21"}
local radii = {"10", "20", "30", "50", "100"}

local function encode(s)
  return (s:gsub("[^%w%-%._~]", function(c) return string.format("%%%02X", string.byte(c)) end))
end

request = function()
  local q = path .. "?near=" .. encode(towns[math.random(#towns)]) .. "&radius=" .. radii[math.random(#radii)]
  local day = days[math.random(#days)]
  if day ~= "" then q = q .. "&day=" .. day end
  local audience = audiences[math.random(#audiences)]
  if audience ~= "" then q = q .. "&audience=" .. audience end
  local sector = sectors[math.random(#sectors)]
  if sector ~= "" then q = q .. "&sector=" .. sector end
  if math.random() < 0.3 then q = q .. "&available=1" end
  return wrk.format("GET", q)
end
