#!/usr/bin/env bash
# The same replica seeded into SQLite and into PostgreSQL (JUO_TEST_PG_URL) gives the same bilan,
# figure for figure: `juo seed` (editions 2025 and 2026), `juo migrate` and `juo report` (text,
# JSON, CSV; 2026 with its year-on-year changes, read from 2025 on a second connection) on both
# databases, the outputs compared byte for byte. Run through tests/pg/with_postgres.sh.
#
# Usage: bilan_matches_sqlite.sh PATH_TO_JUO
set -euo pipefail
juo=$1
: "${JUO_TEST_PG_URL:?run through tests/pg/with_postgres.sh}"

work=$(mktemp -d /tmp/juo-bilan-pg.XXXXXX)
trap 'rm -rf "$work"' EXIT

for db in "$work/juo.db" "$JUO_TEST_PG_URL"; do
  for edition in 2025 2026; do
    "$juo" seed --db "$db" --edition "$edition" >"$work/seed.log" 2>&1 || {
      cat "$work/seed.log" >&2
      exit 1
    }
  done
done
# A second migrate finds the schema up to date on both.
"$juo" migrate --db "$JUO_TEST_PG_URL" >"$work/migrate.txt" 2>&1
grep -q "schema version" "$work/migrate.txt"
if grep -qi "notice\|error" "$work/migrate.txt"; then
  cat "$work/migrate.txt" >&2
  exit 1
fi

status=0
for edition in 2025 2026; do
  for format in text json csv; do
    out="$edition.$format"
    "$juo" report --db "$work/juo.db" --edition "$edition" --format "$format" >"$work/sqlite.$out"
    "$juo" report --db "$JUO_TEST_PG_URL" --edition "$edition" --format "$format" >"$work/postgresql.$out"
    if [ ! -s "$work/sqlite.$out" ]; then
      echo "bilan_matches_sqlite: the SQLite $edition $format report is empty" >&2
      status=1
    elif ! diff -u "$work/sqlite.$out" "$work/postgresql.$out" >&2; then
      echo "bilan_matches_sqlite: the $edition $format reports differ (SQLite first, PostgreSQL second)" >&2
      status=1
    fi
  done
done
exit "$status"
