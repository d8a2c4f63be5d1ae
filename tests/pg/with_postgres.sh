#!/usr/bin/env bash
# Runs a command against a throw-away PostgreSQL 15 cluster: initdb in a fresh temporary folder,
# the server on 127.0.0.1 on a free port (fsync off: the data is thrown away), one database
# created, JUO_TEST_PG_URL=postgresql://… exported, the command run, then the cluster stopped and
# its folder removed, also when the command fails or the script is interrupted.
#
# Usage: tests/pg/with_postgres.sh COMMAND [ARG…]   (exits with the command's status)
# JUO_PG_DURABLE=1 keeps PostgreSQL's durable defaults instead (fsync, synchronous_commit and
# full_page_writes on, as in production): for benchmarks (bench/pg_bench.sh). Also exported:
# JUO_TEST_PG_PID, the server's process id (its backends are its children). JUO_PG_OPTIONS adds
# server options ("-c shared_preload_libraries=pg_stat_statements" to profile).
# PostgreSQL refuses to run as root: as root the cluster runs as the `postgres` system user that
# Debian's package creates. PG_BIN overrides the folder of initdb and pg_ctl.
set -euo pipefail
# shellcheck source=harness_lib.sh
source "$(dirname "$0")/harness_lib.sh"

if [ $# -eq 0 ]; then
  echo "usage: $0 COMMAND [ARG...]" >&2
  exit 2
fi

PG_BIN=${PG_BIN:-/usr/lib/postgresql/15/bin}
if [ ! -x "$PG_BIN/initdb" ] || [ ! -x "$PG_BIN/pg_ctl" ]; then
  echo "with_postgres: no PostgreSQL 15 in $PG_BIN (run scripts/setup.sh, which installs it)" >&2
  exit 1
fi

AS=()
if [ "$(id -u)" -eq 0 ]; then
  if ! id postgres >/dev/null 2>&1; then
    echo "with_postgres: running as root needs the 'postgres' system user (Debian's postgresql package)" >&2
    exit 1
  fi
  AS=(runuser -u postgres --)
fi

dir=$(mktemp -d /tmp/juo-pg.XXXXXX)
chmod 755 "$dir"
[ ${#AS[@]} -eq 0 ] || chown postgres: "$dir"
data="$dir/data"
started=0

cleanup() {
  if [ "$started" -eq 1 ]; then
    "${AS[@]}" "$PG_BIN/pg_ctl" -D "$data" -m immediate -w stop >/dev/null 2>&1 || true
  fi
  rm -rf "$dir"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# Should this script be killed outright (SIGKILL, e.g. by a test timeout), no trap runs: a
# watchdog in its own session stops the cluster and removes the folder once this script is gone.
harness=$$
setsid bash -c '
  while kill -0 "$0" 2>/dev/null; do sleep 1; done
  if [ -f "$1/data/postmaster.pid" ]; then
    if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$2/pg_ctl" -D "$1/data" -m immediate -w stop
    else "$2/pg_ctl" -D "$1/data" -m immediate -w stop; fi
  fi
  rm -rf "$1"' "$harness" "$dir" "$PG_BIN" >/dev/null 2>&1 </dev/null &

# A password for TCP connections (any local user can reach 127.0.0.1); the socket in $dir is
# only reachable by the cluster's owner.
password=$(head -c 18 /dev/urandom | base64 | tr -d '/+=')
printf '%s\n' "$password" >"$dir/pwfile"
[ ${#AS[@]} -eq 0 ] || chown postgres: "$dir/pwfile"
"${AS[@]}" "$PG_BIN/initdb" -D "$data" -U juo --pwfile="$dir/pwfile" --auth-local=trust \
  --auth-host=scram-sha-256 -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 || {
  cat "$dir/initdb.log" >&2
  exit 1
}
rm -f "$dir/pwfile"

settings="-c fsync=off -c synchronous_commit=off -c full_page_writes=off"
[ "${JUO_PG_DURABLE:-0}" != 1 ] || settings="-c fsync=on -c synchronous_commit=on -c full_page_writes=on"
settings="$settings ${JUO_PG_OPTIONS:-}"
for attempt in $(seq 1 20); do
  port=$((20000 + RANDOM % 30000))
  port_free "$port" || continue
  if "${AS[@]}" "$PG_BIN/pg_ctl" -D "$data" -l "$dir/server.log" -w -t 60 \
      -o "-c listen_addresses=127.0.0.1 -p $port -c unix_socket_directories=$dir $settings \
          -c max_connections=200" start >/dev/null; then
    started=1
    break
  fi
done
if [ "$started" -ne 1 ]; then
  echo "with_postgres: the PostgreSQL server did not start:" >&2
  tail -20 "$dir/server.log" >&2 || true
  exit 1
fi

"${AS[@]}" "$PG_BIN/psql" -h "$dir" -p "$port" -U juo -d postgres -q -v ON_ERROR_STOP=1 \
  -c "CREATE DATABASE juo_test" >/dev/null

export JUO_TEST_PG_URL="postgresql://juo:$password@127.0.0.1:$port/juo_test"
JUO_TEST_PG_PID=$(head -1 "$data/postmaster.pid")
export JUO_TEST_PG_PID
run_command "$@"
