#!/usr/bin/env bash
# Shell functions shared by the PostgreSQL tests of the `juo` command (sourced, not run). They use
# the sourcing script's $juo (the program) and $work (its scratch folder), and name the script in
# their messages; psql comes from $PG_BIN (tests/pg/with_postgres.sh's default otherwise).
PG_BIN=${PG_BIN:-/usr/lib/postgresql/15/bin}

# fail MESSAGE: says what failed, on stderr, and ends the test.
fail() {
  echo "${0##*/}: $*" >&2
  exit 1
}

# same_bilan EDITION NAME_A DB_A NAME_B DB_B: `juo report` of EDITION is the same on both
# databases in text, JSON and CSV, byte for byte. Prints the differences on stderr and returns 1
# otherwise, or when a report of DB_A is empty. The names stand for the databases in messages
# (a PostgreSQL URL holds a password).
same_bilan() {
  local edition=$1 name_a=$2 a=$3 name_b=$4 b=$5 status=0 format out
  for format in text json csv; do
    out="$edition.$format"
    "$juo" report --db "$a" --edition "$edition" --format "$format" >"$work/a.$out"
    "$juo" report --db "$b" --edition "$edition" --format "$format" >"$work/b.$out"
    if [ ! -s "$work/a.$out" ]; then
      echo "${0##*/}: the $name_a $edition $format report is empty" >&2
      status=1
    elif ! diff -u "$work/a.$out" "$work/b.$out" >&2; then
      echo "${0##*/}: the $edition $format reports differ ($name_a first, $name_b second)" >&2
      status=1
    fi
  done
  return "$status"
}

# expect_refusal WHAT PATTERN COMMAND [ARG…]: COMMAND fails and says PATTERN on stderr; otherwise
# prints why on stderr and returns 1.
expect_refusal() {
  local what=$1 pattern=$2
  shift 2
  if "$@" >/dev/null 2>"$work/refusal.err"; then
    echo "${0##*/}: $what was accepted" >&2
    return 1
  fi
  if ! grep -q -- "$pattern" "$work/refusal.err"; then
    echo "${0##*/}: $what: the refusal does not say '$pattern': $(cat "$work/refusal.err")" >&2
    return 1
  fi
}

# psql_gexec URL QUERY: runs QUERY on the PostgreSQL database URL, then each statement it
# returns; prints their rows (fields separated by '|').
psql_gexec() {
  printf '%s\n\\gexec\n' "$2" | "$PG_BIN/psql" "$1" -X -q -At -v ON_ERROR_STOP=1
}

# pg_counts URL: one line per table of the PostgreSQL database URL (its current schema): the
# table's name and row count.
pg_counts() {
  psql_gexec "$1" "SELECT format('SELECT %L, count(*) FROM %I', table_name, table_name)
                   FROM information_schema.tables WHERE table_schema = current_schema() ORDER BY 1"
}
