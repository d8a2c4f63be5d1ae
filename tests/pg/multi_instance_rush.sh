#!/usr/bin/env bash
# The multi-instance rush test (CTest multi_instance_rush_postgresql): two `juo serve` on one
# PostgreSQL behind nginx (tests/pg/with_instances.sh), a booking rush with the waiting list,
# duplicates sent to both instances at once, concurrent cancellations and offers
# (multi_instance_rush.mjs), then checks that places, bookings, waiting entries, the e-mail outbox
# and the shared maildir agree with each other and with the HTTP answers. Run through
# tests/pg/with_postgres.sh.
#
# Usage: multi_instance_rush.sh PATH_TO_JUO PATH_TO_ACCOUNTS_FIXTURE [NODE]
# JUO_RUSH_ACCOUNTS (default 400) and JUO_RUSH_CAPACITIES (default "40 25 60": one hot session
# each) size the rush.
set -euo pipefail
juo=$(realpath "$1")
fixture=$2
node=${3:-node}
: "${JUO_TEST_PG_URL:?run through tests/pg/with_postgres.sh}"
here=$(cd "$(dirname "$0")" && pwd)
PSQL=${PG_BIN:-/usr/lib/postgresql/15/bin}/psql
accounts=${JUO_RUSH_ACCOUNTS:-400}
read -r -a capacities <<<"${JUO_RUSH_CAPACITIES:-40 25 60}"

work=$(mktemp -d /tmp/juo-rush-pg.XXXXXX)
trap 'rm -rf "$work"' EXIT
q() { "$PSQL" "$JUO_TEST_PG_URL" -AtX -v ON_ERROR_STOP=1 -c "$1"; }

"$juo" seed --db "$JUO_TEST_PG_URL" >"$work/seed.log" 2>&1 || {
  cat "$work/seed.log" >&2
  exit 1
}
# The replica's edition is over: open it for bookings, as bench/booking_bench.sh does.
q "UPDATE edition SET status = 'open', registration_opens_at = NULL, registration_closes_at = NULL, max_party_size = 6" >/dev/null
sessions=$(q "SELECT s.id FROM session s JOIN session_audience a ON a.session_id = s.id
              WHERE a.audience = 'public' AND s.status = 'open' ORDER BY s.id LIMIT ${#capacities[@]}")
read -r -d '' -a ids <<<"$sessions" || true
if [ "${#ids[@]}" -ne "${#capacities[@]}" ]; then
  echo "multi_instance_rush: the replica has ${#ids[@]} open public sessions, ${#capacities[@]} needed" >&2
  exit 1
fi
# The hot sessions start empty (the replica's bookings on them removed) with small capacities.
list=$(IFS=,; echo "${ids[*]}")
{
  echo "BEGIN;"
  echo "DELETE FROM check_in WHERE booking_id IN (SELECT id FROM booking WHERE session_id IN ($list));"
  echo "DELETE FROM email_outbox WHERE booking_id IN (SELECT id FROM booking WHERE session_id IN ($list));"
  echo "DELETE FROM waitlist_entry WHERE session_id IN ($list);"
  echo "DELETE FROM booking WHERE session_id IN ($list);"
  for i in "${!ids[@]}"; do
    echo "UPDATE session SET capacity_people = ${capacities[$i]}, places_taken = 0, groups_taken = 0 WHERE id = ${ids[$i]};"
    echo "${ids[$i]} ${capacities[$i]}" >>"$work/sessions.txt"
  done
  echo "COMMIT;"
} | "$PSQL" "$JUO_TEST_PG_URL" -qAtX -v ON_ERROR_STOP=1 >/dev/null
if [ "$(q "SELECT count(*) FROM email_outbox")" -ne 0 ]; then
  echo "multi_instance_rush: the seeded outbox is not empty; the checks count every message" >&2
  exit 1
fi
"$fixture" "$JUO_TEST_PG_URL" "$accounts" rush >"$work/tokens.txt"
[ "$(wc -l <"$work/tokens.txt")" -eq "$accounts" ] || {
  echo "multi_instance_rush: accounts_fixture made $(wc -l <"$work/tokens.txt") accounts, $accounts asked" >&2
  exit 1
}

export JUO_MAILDIR=$work/maildir
status=0
timeout 200 "$here/with_instances.sh" "$juo" 2 "$node" "$here/multi_instance_rush.mjs" rush "$work" || status=$?
if [ "$status" -ne 0 ]; then
  [ "$status" -ne 124 ] || echo "multi_instance_rush: the rush did not finish within 200 s" >&2
  exit "$status"
fi
# The instances are stopped: every sender finished its batch, the maildir is complete.
"$node" "$here/multi_instance_rush.mjs" check "$work"
