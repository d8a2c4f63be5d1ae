-- wrk script: POST /api/v1/bookings, each request a new booking by the next account of
-- JUO_TOKENS (one session id per line, from tests/tools accounts_fixture), for a party of 1–4,
-- on session JUO_SESSION (the hot session) or, with JUO_SESSIONS="id1 id2 …", spread over them.
-- Each wrk thread takes every n-th account, so no account books twice. Idempotency-Keys are
-- "bench-<session>-<index>", or JUO_WRK_KEY_PREFIX instead of "bench" (another run on the same
-- sessions with other accounts).
local key_prefix = os.getenv("JUO_WRK_KEY_PREFIX") or "bench"
local tokens = {}
for line in io.lines(os.getenv("JUO_TOKENS")) do tokens[#tokens + 1] = line end
local sessions = {}
for id in string.gmatch(os.getenv("JUO_SESSIONS") or os.getenv("JUO_SESSION") or "", "%d+") do
  sessions[#sessions + 1] = id
end

-- JUO_WRK_THREADS must equal wrk's -t.
local count = 0
function setup(thread)
  thread:set("first", count)
  count = count + 1
end

function init(args)
  step = tonumber(os.getenv("JUO_WRK_THREADS") or "1")
  index = (first or 0) + 1
end

request = function()
  if index > #tokens then index = ((index - 1) % #tokens) + 1 end  -- out of accounts: repeats (409)
  local token = tokens[index]
  local session = sessions[(index % #sessions) + 1]
  local body = '{"session_id":' .. session .. ',"people":' .. tostring(1 + index % 4) .. '}'
  local headers = {["Content-Type"] = "application/json", ["Authorization"] = "Bearer " .. token,
                   ["Idempotency-Key"] = key_prefix .. "-" .. session .. "-" .. index}
  index = index + step
  return wrk.format("POST", "/api/v1/bookings", headers, body)
end
