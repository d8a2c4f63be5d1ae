#!/usr/bin/env bash
# `juo copy-db` moves a whole database from SQLite to PostgreSQL (JUO_TEST_PG_URL) and back:
# the 2025 replica made lively through `juo serve` (a booking, a waiting list, a cancellation, an
# accepted offer, their e-mails; login sessions; a site photo), copied to PostgreSQL, gives the
# same bilan there (text, JSON, CSV, byte for byte); copied back into a new SQLite file, it is the
# same database (sorted `.dump`s identical); a second copy into the now non-empty target and a
# copy of a file that is not a JUO database are refused, nothing changed; every identity sequence
# is past its table's largest id, and the 2026 edition seeded afterwards into both (ordinary
# inserts) gives the same bilan, its comparison with 2025 included.
# Run through tests/pg/with_postgres.sh.
#
# Usage: copy_db_roundtrip.sh PATH_TO_JUO PATH_TO_ACCOUNTS_FIXTURE
set -euo pipefail
# shellcheck source=tests/pg/lib.sh
source "$(dirname "$0")/lib.sh"
juo=$1
fixture=$2
: "${JUO_TEST_PG_URL:?run through tests/pg/with_postgres.sh}"
pg=$JUO_TEST_PG_URL

work=$(mktemp -d /tmp/juo-copy-db.XXXXXX)
server=""
cleanup() {
  if [ -n "$server" ]; then
    kill "$server" 2>/dev/null || true
    wait "$server" 2>/dev/null || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT


# ---- The source: a replica with what only a running server writes --------------------------
db=$work/source.db
"$juo" seed --db "$db" --edition 2025 --quiet >/dev/null
sqlite3 "$db" "UPDATE edition SET status = 'open', registration_opens_at = NULL, registration_closes_at = NULL
               WHERE year = 2025"
session=$(sqlite3 "$db" "SELECT s.id FROM session s JOIN session_audience a ON a.session_id = s.id
                         JOIN edition e ON e.id = s.edition_id
                         WHERE e.year = 2025 AND a.audience = 'public' AND s.status = 'open' ORDER BY s.id LIMIT 1")
[ -n "$session" ] || fail "the seed has no open public tour"
sqlite3 "$db" "UPDATE session SET capacity_people = places_taken + 2 WHERE id = $session"
mapfile -t tokens < <("$fixture" "$db" 2 copy)
[ ${#tokens[@]} -eq 2 ] || fail "accounts_fixture gave ${#tokens[@]} sessions, not 2"

JUO_MAILDIR=$work/maildir "$juo" serve --db "$db" --listen 127.0.0.1:0 >"$work/serve.log" 2>&1 &
server=$!
base=""
for _ in $(seq 1 100); do
  base=$(grep -o 'http://127\.0\.0\.1:[0-9]*' "$work/serve.log" | head -1 || true)
  [ -n "$base" ] && break
  kill -0 "$server" 2>/dev/null || break
  sleep 0.2
done
[ -n "$base" ] || { cat "$work/serve.log" >&2; fail "juo serve did not start within 20 s"; }

# api METHOD PATH TOKEN [JSON]: prints the HTTP status, the body goes to $work/body.json.
api() {
  curl -sS --max-time 10 -o "$work/body.json" -w '%{http_code}' -X "$1" -H "authorization: Bearer $3" \
    -H 'content-type: application/json' ${4:+-d "$4"} "$base$2"
}
expect_status() {
  [ "$1" = "$2" ] || { cat "$work/body.json" >&2; fail "$3: HTTP $1, expected $2"; }
}
expect_status "$(api POST /api/v1/bookings "${tokens[0]}" "{\"session_id\": $session, \"people\": 2}")" 201 "booking"
booking=$(grep -o '"id":[0-9]*' "$work/body.json" | head -1 | cut -d: -f2)
expect_status "$(api POST /api/v1/bookings "${tokens[1]}" \
  "{\"session_id\": $session, \"people\": 1, \"waitlist\": true}")" 202 "joining the waiting list"
entry=$(grep -o '"id":[0-9]*' "$work/body.json" | head -1 | cut -d: -f2)
expect_status "$(api POST "/api/v1/bookings/$booking/cancel" "${tokens[0]}")" 200 "cancelling"
expect_status "$(api POST "/api/v1/waitlist/$entry/accept" "${tokens[1]}")" 201 "accepting the offer"
kill "$server"
wait "$server" 2>/dev/null || true
server=""
# A site's photo (the host space's upload needs a host login: written straight in the store).
sqlite3 "$db" "INSERT INTO stored_file (sha256, mime_type, size_bytes, width, height, original_name, content_base64,
                 created_at) VALUES ('00ff', 'image/png', 4, 1, 1, 'usine d''été.png', 'iVBORw==', '2025-03-01T10:00:00Z');
               UPDATE site SET photo_file_id = last_insert_rowid(), updated_at = '2025-03-01T10:00:00Z'
               WHERE id = (SELECT min(id) FROM site)"
for table in booking waitlist_entry email_outbox auth_session stored_file; do
  [ "$(sqlite3 "$db" "SELECT count(*) FROM $table")" -gt 0 ] || fail "the source's $table is empty"
done

# ---- SQLite → PostgreSQL --------------------------------------------------------------------
"$juo" copy-db --from "$db" --to "$pg" >"$work/copy.out" 2>"$work/copy.err" || {
  cat "$work/copy.err" >&2
  fail "copy-db SQLite → PostgreSQL failed"
}
grep -q "^Copied .* rows, schema version .* row counts checked" "$work/copy.out" || fail "no summary: $(cat "$work/copy.out")"
grep -q "^juo: booking: .* / .* rows$" "$work/copy.err" || fail "no progress for booking: $(cat "$work/copy.err")"

same_bilan 2025 SQLite "$db" PostgreSQL "$pg"

# ---- PostgreSQL → a new SQLite file: the same database ---------------------------------------
"$juo" copy-db --quiet --from "$pg" --to "$work/back.db" >/dev/null
sqlite3 "$db" .dump | sort >"$work/source.dump"
sqlite3 "$work/back.db" .dump | sort >"$work/back.dump"
[ "$(grep -c '^INSERT INTO' "$work/source.dump")" -gt 10000 ] || fail "the source's dump has too few rows"
diff "$work/source.dump" "$work/back.dump" >"$work/dump.diff" || {
  head -20 "$work/dump.diff" >&2
  fail "the SQLite file copied back from PostgreSQL differs from the source (sorted .dump, first lines above)"
}

# ---- Refusals: a non-empty target, a source that is not a JUO database -----------------------
pg_counts "$pg" >"$work/counts.before"
grep -q '^booking|[1-9]' "$work/counts.before" || fail "cannot count the target's rows: $(head -3 "$work/counts.before")"
expect_refusal "a second copy into the non-empty target" "not empty" "$juo" copy-db --from "$work/back.db" --to "$pg"
pg_counts "$pg" >"$work/counts.after"
cmp -s "$work/counts.before" "$work/counts.after" || fail "the refused copy changed the target"

sqlite3 "$work/notes.db" "CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT); INSERT INTO notes (text) VALUES ('x')"
expect_refusal "a copy of a file that is not a JUO database" "not a JUO database" \
  "$juo" copy-db --from "$work/notes.db" --to "$work/out.db"
[ ! -e "$work/out.db" ] || fail "the refused copy left $work/out.db behind"

# ---- Ordinary inserts after the copy: every sequence past its largest id, then juo seed ------
# (2026 seeded into both gives the same ids on both, so the same bilan byte for byte.)
# The next value of each sequence, read without taking it: the largest id + 1, as on SQLite.
psql_gexec "$pg" "SELECT format('SELECT %L, (SELECT CASE WHEN is_called THEN last_value + 1 ELSE last_value END
                                       FROM %s) = coalesce(max(%I), 0) + 1 FROM %I',
                           table_name, pg_get_serial_sequence(quote_ident(table_name), column_name), column_name,
                           table_name)
             FROM information_schema.columns WHERE table_schema = current_schema() AND is_identity = 'YES'
             ORDER BY 1" >"$work/sequences"
[ "$(grep -c '|' "$work/sequences")" -gt 20 ] || fail "too few identity columns: $(cat "$work/sequences")"
if grep -v '|t$' "$work/sequences" >&2; then
  fail "these tables' next id is not their largest id + 1 (a collision, or a gap SQLite would not leave)"
fi
"$juo" seed --db "$pg" --edition 2026 --quiet >/dev/null 2>"$work/seed.err" || {
  cat "$work/seed.err" >&2
  fail "juo seed on the PostgreSQL copy failed (an id collision?)"
}
"$juo" seed --db "$db" --edition 2026 --quiet >/dev/null
same_bilan 2026 SQLite "$db" PostgreSQL "$pg"
echo "copy_db_roundtrip: $(cat "$work/copy.out")"
