#!/usr/bin/env bash
# The retention purge keeps every figure of the bilan (issue 21 items 2 and 3, docs/adr/0017):
# a replica seeded with `juo seed` (editions 2025 and 2026; the 2025 edition is over), a few rows
# that only live for a while added with sqlite3 (sessions, tokens, counters, sent e-mails holding
# ?jeton= links), then
#   - `juo purge --dry-run` changes nothing (the whole database dumped before and after);
#   - `juo report --format json` of both editions is byte-identical before and after
#     `juo purge --before 2025-11-05` (a date after the 2025 edition);
#   - the purge really anonymised: no account tied only to 2025 keeps an address outside
#     @juo.invalid, staff (organisers, relays, hosts) and the 2026 accounts keep theirs, no group
#     request message or visitors' survey text of 2025 is left, the expired session and the spent
#     tokens are gone, no outbox body holds a link; one audit entry with the counts;
#   - a second purge changes nothing; bad flags exit 2 with one line.
#
# Usage: purge_report_check.sh PATH_TO_JUO    (prints "N passed, M failed"; exit 1 on any failure)
set -uo pipefail
juo=${1:?usage: purge_report_check.sh PATH_TO_JUO}
command -v sqlite3 >/dev/null || { echo "purge_report_check: sqlite3 not found" >&2; exit 1; }

work=$(mktemp -d /tmp/juo-purge-check.XXXXXX)
trap 'rm -rf "$work"' EXIT
db="$work/juo.db"
passed=0
failed=0
check() {  # check NAME EXPECTED ACTUAL
  if [[ "$2" == "$3" ]]; then
    passed=$((passed + 1))
  else
    failed=$((failed + 1))
    echo "FAIL: $1: expected '$2', got '$3'" >&2
  fi
}
q() { sqlite3 "$db" "$1"; }

for edition in 2025 2026; do
  "$juo" seed --db "$db" --edition "$edition" -q >"$work/seed.log" 2>&1 || { cat "$work/seed.log" >&2; exit 1; }
done
visitor=$(q "SELECT min(user_id) FROM booking b JOIN edition e ON e.id = b.edition_id WHERE e.year = 2025 AND
  b.user_id NOT IN (SELECT b2.user_id FROM booking b2 JOIN edition e2 ON e2.id = b2.edition_id WHERE e2.year = 2026
  AND b2.user_id IS NOT NULL)")
visitor_email=$(q "SELECT email FROM app_user WHERE id = $visitor")
q "INSERT INTO auth_session (id_hash, user_id, created_at, last_seen_at, expires_at, user_agent) VALUES
   ('expired', $visitor, '2025-03-01T00:00:00Z', '2025-03-01T00:00:00Z', '2025-03-15T00:00:00Z', 'Firefox/128');
   INSERT INTO auth_token (user_id, purpose, token_hash, created_at, expires_at, used_at) VALUES
   ($visitor, 'reset_password', 'spent', '2025-03-01T00:00:00Z', '2025-03-02T00:00:00Z', '2025-03-01T00:10:00Z');
   INSERT INTO login_failure (limit_key, failed_at) VALUES ('i:192.0.2.7', 1700000000);
   INSERT INTO guest_booking_attempt (client_key, attempted_at) VALUES ('ip6:2001:db8:1:2', 1700000000);
   INSERT INTO email_outbox (created_at, kind, to_address, subject, body_text, status, next_attempt_at, sent_at) VALUES
   ('2025-03-20T00:00:00Z', 'booking.confirmed', '$visitor_email', 'Votre visite',
    'Gérer : https://juo.example/reservation/1?jeton=0123abcd', 'sent', '2025-03-20T00:00:00Z', '2025-03-20T00:00:01Z'),
   ('2025-03-21T00:00:00Z', 'password.reset', 'autre@example.org', 'Mot de passe',
    'https://juo.example/compte/nouveau-mot-de-passe?jeton=4567ef', 'sent', '2025-03-21T00:00:00Z', '2025-03-21T00:00:01Z');"

report() {  # report EDITION OUT
  "$juo" report --db "$db" --edition "$1" --format json --out "$2" 2>/dev/null
}
staff_sql="SELECT u.id || ' ' || u.email FROM app_user u WHERE EXISTS (SELECT 1 FROM user_role r WHERE r.user_id = u.id
  AND r.role IN ('organiser', 'relay', 'host')) ORDER BY u.id"
later_sql="SELECT u.id || ' ' || u.email || ' ' || u.display_name FROM app_user u WHERE u.id IN (SELECT b.user_id FROM
  booking b JOIN edition e ON e.id = b.edition_id WHERE e.year = 2026 UNION SELECT g.requester_user_id FROM group_request g
  JOIN edition e ON e.id = g.edition_id WHERE e.year = 2026) ORDER BY u.id"
report 2025 "$work/before-2025.json"
report 2026 "$work/before-2026.json"
q "$staff_sql" >"$work/staff-before.txt"
q "$later_sql" >"$work/later-before.txt"

# A dry run changes nothing.
q .dump >"$work/dump-0.sql"
"$juo" purge --db "$db" --before 2025-11-05 --dry-run >"$work/dry.txt" 2>&1
check "dry run exit" 0 $?
q .dump >"$work/dump-1.sql"
check "dry run changes nothing" same "$(cmp -s "$work/dump-0.sql" "$work/dump-1.sql" && echo same || echo differs)"

start=$(date +%s.%N)
"$juo" purge --db "$db" --before 2025-11-05 >"$work/purge.txt" 2>&1
check "purge exit" 0 $?
seconds=$(echo "$(date +%s.%N) - $start" | bc)
cat "$work/purge.txt"
echo "juo purge: ${seconds} s wall time"
counts() { sed -n '/^\(Would change\|Changed\) /,/e-mail bodies emptied/p' "$1" | tail -n +2; }
check "dry run and purge count the same" "$(counts "$work/dry.txt")" "$(counts "$work/purge.txt")"
check "the counts are printed" 10 "$(counts "$work/purge.txt" | wc -l)"

# Every figure of the bilan, byte for byte.
report 2025 "$work/after-2025.json"
report 2026 "$work/after-2026.json"
for edition in 2025 2026; do
  check "report $edition byte-identical" same \
    "$(cmp -s "$work/before-$edition.json" "$work/after-$edition.json" && echo same || echo differs)"
done
check "report is not empty" 1 "$([[ -s $work/after-2025.json ]] && echo 1 || echo 0)"

# It really anonymised.
anonymised=$(q "SELECT count(*) FROM app_user WHERE deleted_at IS NOT NULL")
check "accounts anonymised (more than 1000)" 1 "$([[ $anonymised -gt 1000 ]] && echo 1 || echo 0)"
check "anonymised accounts have only placeholder addresses" 0 \
  "$(q "SELECT count(*) FROM app_user WHERE deleted_at IS NOT NULL AND email NOT LIKE 'compte-supprime-%@juo.invalid'")"
check "no account tied only to 2025 keeps an address" 0 "$(q "SELECT count(*) FROM app_user u WHERE u.email NOT LIKE
  '%@juo.invalid' AND NOT EXISTS (SELECT 1 FROM user_role r WHERE r.user_id = u.id AND r.role IN ('organiser', 'relay',
  'host')) AND u.id IN (SELECT b.user_id FROM booking b JOIN edition e ON e.id = b.edition_id WHERE e.year = 2025 UNION
  SELECT g.requester_user_id FROM group_request g JOIN edition e ON e.id = g.edition_id WHERE e.year = 2025) AND u.id NOT
  IN (SELECT b.user_id FROM booking b JOIN edition e ON e.id = b.edition_id WHERE e.year = 2026 AND b.user_id IS NOT NULL
  UNION SELECT g.requester_user_id FROM group_request g JOIN edition e ON e.id = g.edition_id WHERE e.year = 2026 AND
  g.requester_user_id IS NOT NULL)")"
check "the chosen visitor anonymised" "compte-supprime-$visitor@juo.invalid|Compte supprimé" \
  "$(q "SELECT email || '|' || display_name FROM app_user WHERE id = $visitor")"
q "$staff_sql" >"$work/staff-after.txt"
q "$later_sql" >"$work/later-after.txt"
check "staff untouched" same "$(cmp -s "$work/staff-before.txt" "$work/staff-after.txt" && echo same || echo differs)"
check "2026 accounts untouched" same "$(cmp -s "$work/later-before.txt" "$work/later-after.txt" && echo same || echo differs)"
check "2026 accounts exist" 1 "$([[ -s $work/later-after.txt ]] && echo 1 || echo 0)"
check "no 2025 group request message" 0 "$(q "SELECT count(*) FROM group_request g JOIN edition e ON e.id = g.edition_id
  WHERE e.year = 2025 AND g.message IS NOT NULL")"
check "no 2025 visitors' survey text" 0 "$(q "SELECT count(*) FROM survey_answer a JOIN survey_response r ON r.id =
  a.response_id JOIN survey s ON s.id = r.survey_id JOIN edition e ON e.id = s.edition_id WHERE e.year = 2025 AND
  s.audience <> 'hosts' AND (a.text_value IS NOT NULL OR r.respondent_label IS NOT NULL)")"
check "sessions gone" 0 "$(q "SELECT count(*) FROM auth_session")"
check "spent tokens gone" 0 "$(q "SELECT count(*) FROM auth_token")"
check "old counters (IP keys) gone" 0 "$(q "SELECT (SELECT count(*) FROM login_failure) + (SELECT count(*) FROM
  guest_booking_attempt)")"
check "outbox bodies empty" 0 "$(q "SELECT count(*) FROM email_outbox WHERE body_text <> ''")"
check "no link at rest" 0 "$(q "SELECT count(*) FROM email_outbox WHERE body_text LIKE '%jeton=%'")"
check "outbox rows kept (subject, kind, status)" 2 "$(q "SELECT count(*) FROM email_outbox WHERE status = 'sent'")"
check "their e-mail's address anonymised" "compte-supprime-$visitor@juo.invalid" \
  "$(q "SELECT to_address FROM email_outbox WHERE subject = 'Votre visite'")"
check "one audit entry" 1 "$(q "SELECT count(*) FROM audit_log WHERE action = 'retention.purge'")"
check "audit counts the accounts" 1 "$(q "SELECT count(*) FROM audit_log WHERE action = 'retention.purge' AND detail
  LIKE '%accounts=$anonymised %'")"

# A second purge is a no-op.
q .dump >"$work/dump-2.sql"
"$juo" purge --db "$db" --before 2025-11-05 >"$work/again.txt" 2>&1
check "second purge exit" 0 $?
check "second purge says so" 1 "$(grep -c 'Nothing to purge' "$work/again.txt")"
q .dump >"$work/dump-3.sql"
check "second purge changes nothing" same "$(cmp -s "$work/dump-2.sql" "$work/dump-3.sql" && echo same || echo differs)"

# Bad flags: exit 2, one line, nothing changed.
for args in "--before 2025-02-30" "--before 31/12/2025" "--before 2999-01-01" "--before" "--bogus"; do
  # shellcheck disable=SC2086
  "$juo" purge --db "$db" $args >/dev/null 2>"$work/err.txt"
  code=$?
  check "purge $args exits 2" 2 "$code"
  check "purge $args says one line" 1 "$(wc -l <"$work/err.txt")"
done
q .dump >"$work/dump-4.sql"
check "bad flags change nothing" same "$(cmp -s "$work/dump-3.sql" "$work/dump-4.sql" && echo same || echo differs)"

echo "$passed passed, $failed failed"
[[ $failed -eq 0 ]]
