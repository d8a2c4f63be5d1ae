#!/usr/bin/env bash
# The same replica seeded into SQLite and into PostgreSQL (JUO_TEST_PG_URL) gives the same bilan,
# figure for figure: `juo seed`, `juo migrate` and `juo report` (text and JSON) on both databases,
# the outputs compared byte for byte. Run through tests/pg/with_postgres.sh.
#
# Usage: bilan_matches_sqlite.sh PATH_TO_JUO
set -euo pipefail
juo=$1
: "${JUO_TEST_PG_URL:?run through tests/pg/with_postgres.sh}"

work=$(mktemp -d /tmp/juo-bilan-pg.XXXXXX)
trap 'rm -rf "$work"' EXIT

for db in "$work/juo.db" "$JUO_TEST_PG_URL"; do
  "$juo" seed --db "$db" >"$work/seed.log" 2>&1 || {
    cat "$work/seed.log" >&2
    exit 1
  }
done
# A second migrate finds the schema up to date on both.
"$juo" migrate --db "$JUO_TEST_PG_URL" >"$work/migrate.txt" 2>&1
grep -q "schema version" "$work/migrate.txt"
if grep -qi "notice\|error" "$work/migrate.txt"; then
  cat "$work/migrate.txt" >&2
  exit 1
fi

status=0
for format in text json csv; do
  "$juo" report --db "$work/juo.db" --edition 2025 --format "$format" >"$work/sqlite.$format"
  "$juo" report --db "$JUO_TEST_PG_URL" --edition 2025 --format "$format" >"$work/postgresql.$format"
  if [ ! -s "$work/sqlite.$format" ]; then
    echo "bilan_matches_sqlite: the SQLite $format report is empty" >&2
    status=1
  elif ! diff -u "$work/sqlite.$format" "$work/postgresql.$format" >&2; then
    echo "bilan_matches_sqlite: the $format reports differ (SQLite first, PostgreSQL second)" >&2
    status=1
  fi
done
exit "$status"
