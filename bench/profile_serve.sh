#!/bin/bash
# Where one durable SQLite `juo serve` spends its CPU under one load of bench/opening_day.mjs
# (issue 17): prepares the database as bench/opening_day.sh does (its `prepare` mode: an edition
# open now, 50 public tours with room for everyone, the accounts), starts the server with a
# maildir, warms it for 3 s, then samples it with `perf record` (1999 Hz, no call graphs) while the
# load runs. Prints the confirmed bookings and the answers; then `perf report -i OUT/perf.data
# --sort comm` shows the CPU by thread (juo-mail, juo-engine, juo-guests, juo-handler, juo and
# juo-io for the HTTP I/O) and `--sort comm,dso` by thread and library. Not run by `make bench`:
# it needs perf and root (or a low perf_event_paranoid), and sampling slows the server.
# usage: bench/profile_serve.sh JUO guest-book|api-book|page-book SECONDS OUT
set -u
[ $# -eq 4 ] || { echo "usage: $0 JUO guest-book|api-book|page-book SECONDS OUT" >&2; exit 2; }
JUO=$(realpath "$1"); ROLE=$2; SECS=$3; OUT=$(realpath -m "$4")
HERE=$(cd "$(dirname "$0")" && pwd)
command -v perf >/dev/null || { echo "profile_serve: perf is missing (apt-get install linux-perf)" >&2; exit 1; }
mkdir -p "$OUT"; DB=$OUT/profile.db; rm -rf "$OUT/mail"
bash "$HERE/opening_day.sh" "$JUO" "$OUT" prepare "$DB" || { echo "profile_serve: could not prepare $DB" >&2; exit 1; }
rush=$(cat "$OUT/rush-sessions.txt")
extra=()
[ "$ROLE" != guest-book ] && extra=(--tokens "$OUT/tokens.txt")
JUO_MAILDIR=$OUT/mail JUO_DURABLE=1 "$JUO" serve --db "$DB" --listen 127.0.0.1:0 >"$OUT/serve.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null' EXIT
url=
for _ in $(seq 100); do
  url=$(grep -o 'on http://127\.0\.0\.1:[0-9]*' "$OUT/serve.log" | head -1 | cut -c4-)
  [ -n "$url" ] && break
  sleep 0.2
done
[ -n "$url" ] || { echo "profile_serve: the server did not start ($OUT/serve.log)" >&2; exit 1; }
node "$HERE/opening_day.mjs" "$ROLE" --base "$url" --seconds 3 --concurrency 64 --sessions "$rush" --run warm \
  --address-base 500000 "${extra[@]}" >"$OUT/warm.json"
sleep 2
perf record -F 1999 -p $server -o "$OUT/perf.data" -- sleep "$SECS" >/dev/null 2>&1 &
perf_pid=$!
node "$HERE/opening_day.mjs" "$ROLE" --base "$url" --seconds "$SECS" --concurrency 64 --sessions "$rush" --run profile \
  --address-base 600000 "${extra[@]}" >"$OUT/load.json"
wait $perf_pid
node -e "const r=JSON.parse(require('fs').readFileSync('$OUT/load.json','utf8')); console.log('confirmed', JSON.stringify(r.done), 'answers', JSON.stringify(r.status))"
perf report -i "$OUT/perf.data" --sort comm --stdio 2>/dev/null | grep -v '^#' | grep -v '^$'
