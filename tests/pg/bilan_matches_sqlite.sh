#!/usr/bin/env bash
# The same replica seeded into SQLite and into PostgreSQL (JUO_TEST_PG_URL) gives the same bilan,
# figure for figure: `juo seed` (editions 2025 and 2026), `juo migrate` and `juo report` (text,
# JSON, CSV; 2026 with its year-on-year changes, read from 2025 on a second connection) on both
# databases, the outputs compared byte for byte. Run through tests/pg/with_postgres.sh.
#
# Usage: bilan_matches_sqlite.sh PATH_TO_JUO
set -euo pipefail
# shellcheck source=tests/pg/lib.sh
source "$(dirname "$0")/lib.sh"
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
  same_bilan "$edition" SQLite "$work/juo.db" PostgreSQL "$JUO_TEST_PG_URL" || status=1
done
exit "$status"
