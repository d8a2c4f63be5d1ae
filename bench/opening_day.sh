#!/usr/bin/env bash
# Opening day (part of `make bench`; issue 17): the people's path under a rush, measured side by
# side in one run, on
#   (a) SQLite, one durable `juo serve` (JUO_DURABLE=1), reached directly;
#   (b) PostgreSQL 15, two `juo serve` behind nginx (tests/pg/with_instances.sh).
# The same Node client (bench/opening_day.mjs, closed loop, $CONC people) drives every load:
#   1. bookings through the JSON API, then through the pages (signed in: the form's CSRF token
#      once, then POST /reserver/{id}), then as guests (each a new client address and e-mail:
#      GET the form, POST it); a probe fetches a light page (/a-propos) 20 times a second during
#      each, from its own process;
#   2. the machine's hash rate alone (bench/hash_rate, the cost `juo serve` uses), sign-ups alone
#      (4 clients at full speed, each sign-up a new address), API bookings alone, then API bookings
#      while the 4 clients sign up;
#   3. the opening: registration opens at T = now + $ROOM_LEAD s on tours of real capacity, and
#      the mix of opening_day.mjs (landing, search, factory pages, guest and signed-in bookings
#      through the waiting room, sign-ups, API readers) starts before T.
# Bookings and sign-ups are counted in the database (rows created during each load); so are the
# e-mails: queued and delivered during each load; after each load (and the sign-ups alone) the
# bench waits for the outbox to send the rest (at most $JUO_BENCH_DRAIN_LIMIT s, 180 by default)
# and says how long that took, so that no measurement shares the machine with the e-mails of the
# one before. Afterwards it checks, in the database: no tour with more confirmed people than
# places or a counter that is not its confirmed people (overbooking), no person with two live
# bookings of one tour (duplicates). Prints Markdown tables; exits 1 on overbooking or duplicates.
#
# Usage: bench/opening_day.sh PATH/TO/juo OUT_DIR
# (It calls itself inside the harnesses with a third argument: `measure LABEL TARGET` inside
# with_instances.sh, `postgres` inside with_postgres.sh. `prepare DB` only prepares the SQLite file
# DB as below, with its lists in OUT_DIR: bench/profile_serve.sh uses it.)
set -euo pipefail
JUO=$(realpath "$1"); OUT=$(realpath -m "$2"); MODE=${3:-all}
HERE=$(cd "$(dirname "$0")" && pwd)
SELF=$HERE/opening_day.sh
PG=$HERE/../tests/pg
BUILD_DIR=$(dirname "$(dirname "$JUO")")
FIXTURE=$BUILD_DIR/tests/tools/accounts_fixture
HASH_RATE=$BUILD_DIR/bench/hash_rate
PG_BIN=${PG_BIN:-/usr/lib/postgresql/15/bin}
DURATION=${JUO_BENCH_DURATION:-10}
# The hashing pool's threads, as `juo serve` sizes it (docs/adr/0024: one per core but one).
CORES=$(nproc)
HASH_THREADS=${JUO_HASH_THREADS:-$(( CORES > 1 ? CORES - 1 : 1 ))}
CONC=${JUO_BENCH_OPENING_CLIENTS:-64}
ROOM_LEAD=${JUO_BENCH_ROOM_LEAD:-10}
ACCOUNTS=${JUO_BENCH_OPENING_ACCOUNTS:-60000}
ROWS=$OUT/opening-day.rows
CLIENT=(node "$HERE/opening_day.mjs")
mkdir -p "$OUT"

q() {  # q DB SQL: one statement on SQLite or PostgreSQL, rows on stdout
  case $1 in
    postgres*) "$PG_BIN/psql" "$1" -AtX -v ON_ERROR_STOP=1 -c "$2" ;;
    *) sqlite3 -cmd '.timeout 10000' "$1" "$2" ;;
  esac
}

# prepare DB: the 2025 replica and an edition open now (`juo seed --open-now`: its tours ahead),
# with no opening time; 50 public tours with room for
# everyone ($OUT/rush-sessions.txt) for the throughput loads, and 40 other public tours of their
# real capacity ($OUT/opening-sessions.txt) with their sites ($OUT/opening-sites.txt) for the
# opening; N accounts ($OUT/tokens.txt).
prepare() {
  "$JUO" seed --db "$1" --quiet >/dev/null
  "$JUO" seed --db "$1" --open-now --quiet >/dev/null
  q "$1" "UPDATE edition SET registration_opens_at = NULL, registration_closes_at = NULL, max_party_size = 6 WHERE status = 'open'" >/dev/null
  local public="SELECT s.id FROM session s JOIN session_audience a ON a.session_id = s.id
                JOIN edition e ON e.id = s.edition_id
                WHERE a.audience = 'public' AND s.status = 'open' AND e.status = 'open' ORDER BY s.id"
  q "$1" "$public LIMIT 50" | tr '\n' ' ' >"$OUT/rush-sessions.txt"
  q "$1" "UPDATE session SET capacity_people = 100000000 WHERE id IN ($(tr ' ' ',' <"$OUT/rush-sessions.txt" | sed 's/,$//'))" >/dev/null
  q "$1" "$public LIMIT 40 OFFSET 50" | tr '\n' ' ' >"$OUT/opening-sessions.txt"
  q "$1" "SELECT DISTINCT site_id FROM session
          WHERE id IN ($(tr ' ' ',' <"$OUT/opening-sessions.txt" | sed 's/,$//'))" | tr '\n' ' ' >"$OUT/opening-sites.txt"
  "$FIXTURE" "$1" "$ACCOUNTS" opening >"$OUT/tokens.txt"
  # 100 teachers, each wishing 3 Friday tours near the postcode of the first ($OUT/teachers.txt:
  # "token postcode id,id,id"), and 20 hosts, each of a site with public bookings, with the ticket
  # codes of its visitors ($OUT/hosts.txt: "token code,code,…").
  "$FIXTURE" "$1" 100 teacher >"$OUT/teacher-tokens.txt"
  q "$1" "INSERT INTO user_role (user_id, role) SELECT id, 'teacher' FROM app_user WHERE email LIKE 'teacher-%@example.org'" >/dev/null
  local friday
  friday=$(q "$1" "SELECT s.id || ' ' || si.postcode FROM session s JOIN session_audience a ON a.session_id = s.id
                   JOIN edition e ON e.id = s.edition_id JOIN site si ON si.id = s.site_id
                   WHERE a.audience = 'school' AND e.status = 'open' ORDER BY s.id LIMIT 300")
  paste -d' ' "$OUT/teacher-tokens.txt" <(echo "$friday" | awk 'NR % 3 == 1 {first = $1; pc = $2} NR % 3 == 2 {second = $1} NR % 3 == 0 {print pc, first "," second "," $1}') >"$OUT/teachers.txt"
  "$FIXTURE" "$1" 20 host >"$OUT/host-tokens.txt"
  : >"$OUT/hosts.txt"
  local i=0 site token user codes
  for site in $(q "$1" "SELECT DISTINCT s.site_id FROM booking b JOIN session s ON s.id = b.session_id JOIN edition e ON e.id = s.edition_id
                        WHERE e.status = 'open' AND b.status = 'confirmed' AND b.kind = 'party' ORDER BY s.site_id LIMIT 20"); do
    token=$(sed -n "$((i + 1))p" "$OUT/host-tokens.txt")
    user=$(q "$1" "SELECT id FROM app_user WHERE email = 'host-$i@example.org'")
    q "$1" "INSERT INTO user_role (user_id, role, site_id) VALUES ($user, 'host', $site)" >/dev/null
    codes=$(q "$1" "SELECT b.ticket_code FROM booking b JOIN session s ON s.id = b.session_id JOIN edition e ON e.id = s.edition_id
                    WHERE e.status = 'open' AND b.status = 'confirmed' AND b.kind = 'party' AND s.site_id = $site" | paste -sd,)
    echo "$token $codes" >>"$OUT/hosts.txt"
    i=$((i + 1))
  done
}

# client ROLE OUTFILE ARGS…: one client process (JSON result in OUTFILE), in the background.
client() {
  local role=$1 out=$2; shift 2
  "${CLIENT[@]}" "$role" --base "$BASE" "$@" >"$out" 2>"$out.err" &
}
json() { node -e "const r=JSON.parse(require('fs').readFileSync('$1','utf8')); const v=($2); console.log(v===undefined||v===null?'-':v)"; }
rate() { awk -v a="$1" -v d="$DURATION" 'BEGIN {printf "%.0f", a / d}'; }
pct() { awk -v a="$1" -v b="$2" 'BEGIN {if (b > 0) printf "%.0f %%", 100 * a / b; else print "-"}'; }
bookings() { q "$DB" "SELECT count(*) FROM booking WHERE status = 'confirmed'"; }
users() { q "$DB" "SELECT count(*) FROM app_user"; }
emails() { q "$DB" "SELECT count(*) FROM email_outbox WHERE $1"; }
outbox_counts() { echo "$(emails "1 = 1") $(emails "status = 'sent'")"; }  # "queued sent", so far
settle() {  # waits until no more bookings come (commands queued when a load stopped), bounded
  local last=-1 now
  for _ in $(seq 1 40); do now=$(bookings); [ "$now" = "$last" ] && return; last=$now; sleep 0.5; done
}
# drain: waits until the outbox has no e-mail waiting, at most DRAIN_LIMIT s, so that the next
# measurement does not share the machine with the last one's e-mails; prints the seconds it took,
# or "> LIMIT s (N waiting)".
DRAIN_LIMIT=${JUO_BENCH_DRAIN_LIMIT:-180}
drain() {
  local t0 pending
  t0=$(date +%s%3N)
  while :; do
    pending=$(emails "status = 'pending'")
    [ "$pending" = 0 ] && { awk -v ms=$(( $(date +%s%3N) - t0 )) 'BEGIN {printf "%.1f s", ms / 1000}'; return; }
    [ $(( $(date +%s%3N) - t0 )) -ge $(( DRAIN_LIMIT * 1000 )) ] && { echo "> $DRAIN_LIMIT s ($pending waiting)"; return; }
    sleep 0.2
  done
}
split_tokens() {  # split_tokens: $OUT/tokens-{1..6}.txt, one slice of accounts per load
  split -n l/6 -d -a 1 "$OUT/tokens.txt" "$OUT/tokens-part-"
}

# The machine's busy CPU time so far, in ms (every core: user, nice, system, interrupts, steal).
busy_ms() { awk -v t="$(getconf CLK_TCK)" '/^cpu / {printf "%.0f", ($2 + $3 + $4 + $7 + $8 + $9) * 1000 / t}' /proc/stat; }

# load LABEL ROLE [ARGS…]: runs ROLE for DURATION with the probe beside it, then drains the
# outbox; appends "LABEL|bookings/s|p50|p99|probe p50|probe p99|failed|client CPU ms/booking|rest
# ms/booking|busy %|e-mails queued during it|delivered during it|drained in" to $OUT/loads.rows.
# The CPU columns: the two clients' own CPU time (they report it), and the rest of the machine's
# busy time (the servers, the database, nginx, the e-mails; anything else running too), each
# divided by the bookings confirmed; busy: of every core over the load's span.
load() {
  local label=$1 role=$2; shift 2
  local before after busy0 busy1 t0 t1 mail0 sent0 mail1 sent1 drained
  before=$(bookings); read -r mail0 sent0 <<<"$(outbox_counts)"
  busy0=$(busy_ms); t0=$(date +%s%3N)
  local start=$(( $(date +%s%3N) + 500 ))
  client "$role" "$OUT/load.json" --seconds "$DURATION" --concurrency "$CONC" --start-at "$start" "$@"
  local c=$!
  client probe "$OUT/probe.json" --seconds "$DURATION" --rate 20 --path /a-propos --start-at "$start"
  local p=$!
  wait $c $p
  busy1=$(busy_ms); t1=$(date +%s%3N)
  after=$(bookings); read -r mail1 sent1 <<<"$(outbox_counts)"
  settle
  drained=$(drain)
  local kind
  kind=$(json "$OUT/load.json" "Object.keys(r.kinds).filter(k => /booking/.test(k))[0]")
  echo "$label|$(rate $((after - before)))|$(json "$OUT/load.json" "r.kinds['$kind']?.p50")|$(json "$OUT/load.json" "r.kinds['$kind']?.p99")|$(json "$OUT/probe.json" "r.kinds['probe /a-propos']?.p50")|$(json "$OUT/probe.json" "r.kinds['probe /a-propos']?.p99")|$(json "$OUT/load.json" "(r.done.failed||0)+(r.status.error||0)")|$(cpu_columns "$((after - before))" "$((busy1 - busy0))" "$((t1 - t0))")|$((mail1 - mail0))|$((sent1 - sent0))|$drained" >>"$OUT/loads.rows"
}

# cpu_columns BOOKINGS BUSY_MS SPAN_MS: "client ms/booking|rest ms/booking|busy %" of the last load
cpu_columns() {
  local clients
  clients=$(( $(json "$OUT/load.json" "r.cpu_ms") + $(json "$OUT/probe.json" "r.cpu_ms") ))
  awk -v n="$1" -v b="$2" -v c="$clients" -v s="$3" -v k="$CORES" \
    'BEGIN {if (n > 0) printf "%.2f|%.2f|", c / n, (b - c) / n; else printf "-|-|"; printf "%.0f %%", 100 * b / (s * k)}'
}

# measure LABEL TARGET (inside with_instances.sh): every load against nginx or the first instance.
measure() {
  local label=$1 target=$2
  DB=${JUO_INSTANCES_DB:-$JUO_TEST_PG_URL}
  BASE=$JUO_BASE_URL
  [ "$target" = nginx ] || BASE=${JUO_INSTANCE_URLS%% *}
  : >"$OUT/loads.rows"
  split_tokens
  local rush
  rush=$(cat "$OUT/rush-sessions.txt")
  # 1. the booking path: API, pages, guests (after 3 s of API bookings not counted: the first
  # load would otherwise pay for the cold caches and the database file's growth)
  client api-book "$OUT/warm-up.json" --seconds 3 --concurrency "$CONC" --tokens "$OUT/tokens-part-5" --sessions "$rush" --run warm
  wait $!
  settle
  load "API bookings" api-book --tokens "$OUT/tokens-part-0" --sessions "$rush" --run api
  load "page bookings, signed in" page-book --tokens "$OUT/tokens-part-1" --sessions "$rush" --run page
  load "page bookings, guests" guest-book --sessions "$rush" --run guest --address-base 100000
  # 2. sign-ups against bookings
  local hash_rate hash_all u0 u1 signups alone with
  # The pools of every instance (JUO_INSTANCE_URLS lists them), at most one thread per core.
  local instances pool
  instances=$(echo $JUO_INSTANCE_URLS | wc -w)
  pool=$(( instances * HASH_THREADS > CORES ? CORES : instances * HASH_THREADS ))
  hash_rate=$("$HASH_RATE" 5 "$pool" | awk '{printf "%.1f", $2}')
  hash_all=$("$HASH_RATE" 5 "$CORES" | awk '{printf "%.1f", $2}')
  u0=$(users)
  client signup "$OUT/signup.json" --seconds "$DURATION" --concurrency 4 --run signup1 --address-base 200000
  wait $!
  u1=$(users)
  drain >/dev/null
  signups=$(awk -v a=$((u1 - u0)) -v d="$DURATION" 'BEGIN {printf "%.1f", a / d}')
  load "API bookings, alone" api-book --tokens "$OUT/tokens-part-2" --sessions "$rush" --run api2
  alone=$(tail -1 "$OUT/loads.rows" | cut -d'|' -f2)
  local start=$(( $(date +%s%3N) + 500 ))
  client signup "$OUT/signup2.json" --seconds "$DURATION" --concurrency 4 --run signup2 --address-base 300000 --start-at "$start"
  local s=$!
  load "API bookings, 4 clients signing up" api-book --tokens "$OUT/tokens-part-3" --sessions "$rush" --run api3
  wait $s
  with=$(tail -1 "$OUT/loads.rows" | cut -d'|' -f2)
  # 3. the opening, with the waiting room
  local opens_at
  opens_at=$(date -u -d "+$ROOM_LEAD seconds" +%Y-%m-%dT%H:%M:%SZ)
  q "$DB" "UPDATE edition SET registration_opens_at = '$opens_at' WHERE status = 'open'" >/dev/null
  local b0 b1 mail0 sent0
  b0=$(bookings); read -r mail0 sent0 <<<"$(outbox_counts)"
  client mix "$OUT/mix.json" --seconds $((ROOM_LEAD + DURATION * 2)) --concurrency "$CONC" --run mix \
    --tokens "$OUT/tokens-part-4" --sessions "$(cat "$OUT/opening-sessions.txt")" \
    --sites "$(cat "$OUT/opening-sites.txt")" --teachers "$OUT/teachers.txt" --hosts "$OUT/hosts.txt" --address-base 400000 --room-wait-scale 1
  wait $!
  b1=$(bookings)
  settle
  q "$DB" "UPDATE edition SET registration_opens_at = NULL WHERE status = 'open'" >/dev/null
  # the mix's e-mails: queued and delivered during it, then how long the rest takes to go (the
  # machine otherwise idle)
  local mail1 sent1 pending0
  read -r mail1 sent1 <<<"$(outbox_counts)"; pending0=$(emails "status = 'pending'")
  echo "$label|$((mail1 - mail0))|$((sent1 - sent0))|$pending0|$(drain)" >>"$OUT/emails.rows"
  # the checks
  local over dup
  over=$(q "$DB" "SELECT count(*) FROM session s WHERE s.places_taken <> (SELECT coalesce(sum(b.people), 0) FROM booking b
                  WHERE b.session_id = s.id AND b.status = 'confirmed') OR s.places_taken > s.capacity_people")
  dup=$(q "$DB" "SELECT count(*) FROM (SELECT session_id, user_id FROM booking WHERE status = 'confirmed' AND kind = 'party'
                 GROUP BY session_id, user_id HAVING count(*) > 1) d")
  echo "$label|$hash_rate|$pool|$hash_all|$signups|$alone|$with|$((b1 - b0))|$over|$dup|$(cat "$OUT/mix.json" | tr -d '\n')" >>"$ROWS"
  sed "s/^/$label|/" "$OUT/loads.rows" >>"$OUT/opening-loads.rows"
}

postgres() {
  prepare "$JUO_TEST_PG_URL"
  "$PG/with_instances.sh" "$JUO" 2 "$SELF" "$JUO" "$OUT" measure "(b) PostgreSQL, 2 instances behind nginx" nginx
}

case $MODE in
  measure) shift 3; measure "$@"; exit 0 ;;
  prepare) [ $# -eq 4 ] || { echo "usage: $0 JUO OUT_DIR prepare DB" >&2; exit 2; }
           rm -f "$4" "$4-wal" "$4-shm"; prepare "$4"; exit 0 ;;
  postgres) postgres; exit 0 ;;
  all) ;;
  *) echo "opening_day: unknown mode '$MODE'" >&2; exit 2 ;;
esac

for tool in node sqlite3; do command -v $tool >/dev/null || { echo "bench: $tool is missing"; exit 1; }; done
for b in "$FIXTURE" "$HASH_RATE"; do [ -x "$b" ] || { echo "bench: $b is missing (build the tests and benchmarks)"; exit 1; }; done
: >"$ROWS"; : >"$OUT/opening-loads.rows"; : >"$OUT/emails.rows"
sqlite_db=$OUT/opening-day.db
rm -rf "$sqlite_db" "$sqlite_db-wal" "$sqlite_db-shm"
prepare "$sqlite_db"
JUO_INSTANCES_DB=$sqlite_db JUO_DURABLE=1 \
  "$PG/with_instances.sh" "$JUO" 1 "$SELF" "$JUO" "$OUT" measure "(a) SQLite, 1 durable instance" direct
if [ "${JUO_BENCH_OPENING_PG:-1}" = 1 ]; then
  JUO_PG_DURABLE=1 "$PG/with_postgres.sh" "$SELF" "$JUO" "$OUT" postgres
fi

echo "| opening day ($CONC people, closed loop, ${DURATION} s each; probe: /a-propos 20/s) | confirmed bookings/s | vs API | p50 / p99 (ms) | light page p50 / p99 during it (ms) | failed | CPU ms per booking: the clients / the rest (servers, database, e-mails) | machine busy | e-mails (QR ticket, .ics) queued / delivered during it | then the rest delivered in |"
echo "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |"
while IFS='|' read -r config label per p50 p99 l50 l99 failed client rest busy queued sent drained; do
  api=$(awk -F'|' -v c="$config" '$1 == c && $2 == "API bookings" {print $3}' "$OUT/opening-loads.rows")
  echo "| $config: $label | $per | $(pct "$per" "$api") | $p50 / $p99 | $l50 / $l99 | $failed | $client / $rest | $busy | $queued / $sent | $drained |"
done <"$OUT/opening-loads.rows"
echo
echo "| opening day: sign-ups and the opening | hash rate alone, the hashing pools' threads ($HASH_THREADS per instance, at most $CORES): hashes/s (threads) | sign-ups/s (4 clients) | vs the pool's hash rate | hash rate alone, all $CORES cores | vs all cores | API bookings/s alone → with 4 clients signing up | kept | bookings in the opening mix | overbooked tours | duplicate bookings |"
echo "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |"
status=0
while IFS='|' read -r label hash pool hash_all signups alone with opening over dup _; do
  echo "| $label | $hash ($pool) | $signups | $(pct "$signups" "$hash") | $hash_all | $(pct "$signups" "$hash_all") | $alone → $with | $(pct "$with" "$alone") | $opening | $over | $dup |"
  [ "$over" = 0 ] && [ "$dup" = 0 ] || status=1
done <"$ROWS"
echo
echo "| opening day: the opening mix's e-mails (each with its QR ticket and .ics, to a maildir) | queued during the mix | delivered during it | waiting at its end | then the rest delivered in |"
echo "| --- | --- | --- | --- | --- |"
while IFS='|' read -r label queued sent pending drained; do
  echo "| $label | $queued | $sent | $pending | $drained |"
done <"$OUT/emails.rows"
echo
echo "| opening mix, per request kind | configuration | requests | p50 (ms) | p99 (ms) |"
echo "| --- | --- | --- | --- | --- |"
while IFS='|' read -r label _ _ _ _ _ _ _ _ _ mix; do
  node -e "const r=JSON.parse(process.argv[1]); for (const [k,v] of Object.entries(r.kinds)) console.log('| '+k+' | $label | '+v.n+' | '+v.p50+' | '+v.p99+' |'); console.log('| answers by status | $label | '+JSON.stringify(r.status)+' | | |'); console.log('| counted | $label | '+JSON.stringify(r.done)+' | | |');" "$mix"
done <"$ROWS"
[ $status = 0 ] || { echo "bench: overbooking or duplicate bookings found" >&2; exit 1; }
