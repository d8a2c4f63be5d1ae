#!/usr/bin/env bash
# `juo backup` and `juo restore` on PostgreSQL (pg_dump / pg_restore under juo): the replica
# (editions 2025 and 2026) seeded into JUO_TEST_PG_URL, backed up, restored into a second database
# of the same cluster, gives the same bilan there (text, JSON, CSV, byte for byte). A restore onto
# a non-empty database without --force, a file that is not a dump and a dump of a database that is
# not JUO's are refused, the target unchanged; with --force the restore replaces the database. The
# password of the URL never appears on pg_dump's or pg_restore's command line (what `ps` shows):
# wrappers first on the PATH record their arguments. Run through tests/pg/with_postgres.sh.
#
# Usage: backup_restore.sh PATH_TO_JUO
set -euo pipefail
# shellcheck source=tests/pg/lib.sh
source "$(dirname "$0")/lib.sh"
juo=$1
: "${JUO_TEST_PG_URL:?run through tests/pg/with_postgres.sh}"
pg=$JUO_TEST_PG_URL
password=${pg#postgresql://*:}
password=${password%%@*}
[ -n "$password" ] && [ "$password" != "$pg" ] || fail "no password in JUO_TEST_PG_URL"

work=$(mktemp -d /tmp/juo-pg-backup.XXXXXX)
trap 'rm -rf "$work"' EXIT

# pg_dump and pg_restore as juo finds them on the PATH, each call's arguments recorded.
mkdir "$work/bin"
for tool in pg_dump pg_restore; do
  printf '#!/bin/sh\nprintf "%%s\\n" "$0 $*" >>"%s"\nexec "%s" "$@"\n' "$work/command-lines" "$PG_BIN/$tool" \
    >"$work/bin/$tool"
  chmod +x "$work/bin/$tool"
done
export PATH="$work/bin:$PATH"

# A second and a third database in the same cluster.
"$PG_BIN/psql" "$pg" -X -q -v ON_ERROR_STOP=1 -c "CREATE DATABASE juo_restored" -c "CREATE DATABASE not_juo"
restored=${pg%/*}/juo_restored
not_juo=${pg%/*}/not_juo

for edition in 2025 2026; do
  "$juo" seed --db "$pg" --edition "$edition" --quiet >/dev/null
done

# ---- Backup, restore into the empty database: the same bilan ----------------------------------
"$juo" backup --db "$pg" --to "$work/juo.backup" >"$work/backup.out" || fail "juo backup failed"
grep -q "backup written" "$work/backup.out" || fail "no confirmation: $(cat "$work/backup.out")"
[ -s "$work/juo.backup" ] || fail "the backup file is empty"
[ -z "$(find "$work" -maxdepth 1 -name 'juo.backup.part-*')" ] || fail "a temporary file was left behind"
expect_refusal "a backup over an existing file" "exists already" "$juo" backup --db "$pg" --to "$work/juo.backup"

"$juo" restore --from "$work/juo.backup" --db "$restored" >"$work/restore.out" || fail "juo restore failed"
grep -q "database restored" "$work/restore.out" || fail "no confirmation: $(cat "$work/restore.out")"
for edition in 2025 2026; do
  same_bilan "$edition" PostgreSQL "$pg" restored "$restored"
done

# ---- Refusals, the target unchanged -----------------------------------------------------------
pg_counts "$restored" >"$work/counts.before"
grep -q '^booking|[1-9]' "$work/counts.before" || fail "cannot count the restored rows: $(head -3 "$work/counts.before")"
expect_refusal "a restore onto a non-empty database without --force" "--force" \
  "$juo" restore --from "$work/juo.backup" --db "$restored"
printf 'not a dump\n' >"$work/notes.txt"
expect_refusal "a restore of a file that is not a dump" "not a JUO backup" \
  "$juo" restore --from "$work/notes.txt" --db "$restored" --force
"$PG_BIN/psql" "$not_juo" -X -q -v ON_ERROR_STOP=1 -c "CREATE TABLE notes (id integer PRIMARY KEY, body text)"
"$PG_BIN/pg_dump" --format=custom --file="$work/not_juo.backup" "$not_juo"
expect_refusal "a restore of a dump that is not JUO's" "not a JUO backup" \
  "$juo" restore --from "$work/not_juo.backup" --db "$restored" --force
pg_counts "$restored" >"$work/counts.after"
cmp -s "$work/counts.before" "$work/counts.after" || fail "a refused restore changed the target"

# ---- --force replaces the database whole ------------------------------------------------------
"$PG_BIN/psql" "$restored" -X -q -v ON_ERROR_STOP=1 -c "DELETE FROM media_mention"
"$juo" restore --from "$work/juo.backup" --db "$restored" --force >/dev/null || fail "juo restore --force failed"
same_bilan 2026 PostgreSQL "$pg" restored "$restored"
pg_counts "$restored" >"$work/counts.forced"
cmp -s "$work/counts.before" "$work/counts.forced" || {
  diff "$work/counts.before" "$work/counts.forced" >&2 || true
  fail "after restore --force the database is not the backup's"
}

# ---- No password on a command line ------------------------------------------------------------
grep -q 'pg_dump ' "$work/command-lines" && grep -q 'pg_restore ' "$work/command-lines" ||
  fail "juo did not run the pg_dump and pg_restore found on the PATH: $(cat "$work/command-lines" 2>/dev/null)"
if grep -F -- "$password" "$work/command-lines" >/dev/null; then
  fail "the database password appears on a pg_dump or pg_restore command line"
fi
echo "backup_restore: $(grep -c . "$work/command-lines") pg_dump/pg_restore runs, the bilans identical"
