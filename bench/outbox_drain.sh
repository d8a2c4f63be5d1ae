#!/usr/bin/env bash
# The outbox sender's delivery rate, side by side for several `juo` builds: each build serves a
# fresh copy of DB (one durable `juo serve`, tests/pg/with_instances.sh, its own maildir) and the
# e-mails still pending are counted 3 s after the start and again $SECONDS_MEASURED s later; the
# server's CPU time over the same span is read from /proc. Rounds alternate the builds, so a
# change in the machine's load falls on each alike. DB must be a SQLite database with e-mails
# pending (e.g. the one opening_day.sh leaves in its OUT_DIR: opening-day.db) and a schema every
# build can open (the oldest build's, or older).
# Usage: bench/outbox_drain.sh DB JUO [JUO…]   (env: JUO_DRAIN_ROUNDS, default 2; JUO_DRAIN_SECONDS, 10)
set -euo pipefail
[ $# -ge 2 ] || { echo "usage: bench/outbox_drain.sh DB JUO [JUO…]" >&2; exit 2; }
DB=$(realpath "$1"); shift
HERE=$(cd "$(dirname "$0")" && pwd)
ROUNDS=${JUO_DRAIN_ROUNDS:-2}
SECONDS_MEASURED=${JUO_DRAIN_SECONDS:-10}
[ -f "$DB" ] || { echo "outbox_drain: no database $DB" >&2; exit 2; }
WORK=$(mktemp -d); trap 'rm -rf "$WORK"' EXIT
cat >"$WORK/measure.sh" <<'INNER'
#!/usr/bin/env bash
set -euo pipefail
pending() { sqlite3 -cmd '.timeout 10000' "$JUO_INSTANCES_DB" "SELECT count(*) FROM email_outbox WHERE status = 'pending'"; }
cpu() { awk '{print $14 + $15}' "/proc/$1/stat"; }
pid=${JUO_INSTANCE_PIDS%% *}
sleep 3
p0=$(pending); c0=$(cpu "$pid")
sleep "$SECONDS_MEASURED"
p1=$(pending); c1=$(cpu "$pid")
echo "$p0 $p1 $((c1 - c0))"
INNER
chmod +x "$WORK/measure.sh"
export SECONDS_MEASURED
echo "| build | round | pending at start | delivered/s | server CPU (cores) |"
echo "| --- | --- | --- | --- | --- |"
ticks=$(getconf CLK_TCK)
for round in $(seq 1 "$ROUNDS"); do
  for juo in "$@"; do
    cp "$DB" "$WORK/d.db"; rm -f "$WORK/d.db-wal" "$WORK/d.db-shm"
    read -r p0 p1 cpu < <(JUO_INSTANCES_DB=$WORK/d.db JUO_DURABLE=1 "$HERE/../tests/pg/with_instances.sh" "$juo" 1 "$WORK/measure.sh" | tail -1)
    awk -v j="$juo" -v r="$round" -v a="$p0" -v b="$p1" -v c="$cpu" -v s="$SECONDS_MEASURED" -v t="$ticks" \
      'BEGIN {printf "| %s | %d | %d | %.0f | %.2f |\n", j, r, a, (a - b) / s, c / t / s}'
  done
done
