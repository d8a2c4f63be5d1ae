#!/usr/bin/env bash
# Runs a command against N `juo serve` instances on one database behind nginx, as in production
# (docs/deploy.md) but on plain HTTP on loopback: each instance on a free 127.0.0.1 port with its
# own log, all with the same secret, the same maildir (every e-mail of every instance lands in
# one folder) and 127.0.0.1 as trusted proxy; then nginx (Debian's, run from a temporary prefix:
# its own config, pid file, logs and temporary folders; /etc/nginx is not read) with an upstream
# of the N instances that includes the shipped settings (deploy/nginx/snippets/). Stops
# everything on exit, failure or interruption.
#
# Usage: tests/pg/with_instances.sh PATH_TO_JUO N COMMAND [ARG…]   (exits with the command's status)
# The database is $JUO_INSTANCES_DB, else $JUO_TEST_PG_URL (tests/pg/with_postgres.sh); it must be
# migrated and seeded (an edition to serve). JUO_MAILDIR, when set, is the shared maildir (kept);
# otherwise a temporary one. Other JUO_* variables (JUO_IO_THREADS, JUO_DURABLE…) reach the
# instances. Exported to the command:
#   JUO_BASE_URL        nginx, e.g. http://127.0.0.1:PORT
#   JUO_INSTANCE_URLS   the instances' own URLs, space-separated, in order (1..N)
#   JUO_INSTANCE_PIDS   their process ids, in the same order; JUO_NGINX_PID: nginx's master
#   JUO_INSTANCES_DIR   the temporary folder: serve-K.log, nginx/ (config, error log)
#   JUO_MAILDIR         the shared maildir
# NGINX overrides the nginx program (default: nginx on PATH, else /usr/sbin/nginx).
set -euo pipefail
# shellcheck source=harness_lib.sh
source "$(dirname "$0")/harness_lib.sh"

if [ $# -lt 3 ]; then
  echo "usage: $0 PATH_TO_JUO N COMMAND [ARG...]" >&2
  exit 2
fi
juo=$(realpath "$1")
count=$2
shift 2
if ! [[ "$count" =~ ^[1-9][0-9]?$ ]]; then
  echo "with_instances: N must be a number of instances from 1 to 99, not '$count'" >&2
  exit 2
fi
db=${JUO_INSTANCES_DB:-${JUO_TEST_PG_URL:-}}
if [ -z "$db" ]; then
  echo "with_instances: no database: set JUO_INSTANCES_DB or run through tests/pg/with_postgres.sh" >&2
  exit 2
fi
[ -x "$juo" ] || { echo "with_instances: $juo is not a program" >&2; exit 2; }
NGINX=${NGINX:-$(command -v nginx || echo /usr/sbin/nginx)}
[ -x "$NGINX" ] || { echo "with_instances: nginx is missing (run scripts/setup.sh, which installs it)" >&2; exit 1; }
here=$(cd "$(dirname "$0")" && pwd)
snippets=$(cd "$here/../../deploy/nginx/snippets" && pwd)
shipped=$snippets/../juo.conf

dir=$(mktemp -d /tmp/juo-instances.XXXXXX)
mkdir -p "$dir/nginx/tmp"
ln -s "$snippets" "$dir/nginx/snippets"
: >"$dir/pids"
pids=()
nginx_pid=""

# Stops the instances (SIGTERM: they finish their requests, the engine its queue, the sender its
# batch), then nginx; each wait is bounded, then SIGKILL.
stop_all() {
  local pid
  for pid in "${pids[@]}" $nginx_pid; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}" $nginx_pid; do
    for _ in $(seq 1 200); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    if kill -0 "$pid" 2>/dev/null; then
      echo "with_instances: process $pid did not stop within 20 s: killed" >&2
      kill -KILL "$pid" 2>/dev/null || true
    fi
    wait "$pid" 2>/dev/null || true
  done
}
cleanup() {
  local status=$?
  stop_all
  if [ "$status" -ne 0 ] && [ "$status" -ne 130 ] && [ "$status" -ne 143 ]; then
    for log in "$dir"/serve-*.log "$dir/nginx/error.log"; do
      [ -s "$log" ] || continue
      echo "with_instances: last lines of $(basename "$log"):" >&2
      tail -5 "$log" >&2
    done
  fi
  rm -rf "$dir"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# Should this script be killed outright (SIGKILL, e.g. by a test timeout), no trap runs: a
# watchdog in its own session kills the processes listed in $dir/pids and removes the folder.
setsid bash -c '
  while kill -0 "$0" 2>/dev/null; do sleep 1; done
  [ -f "$1/pids" ] && xargs -r kill -KILL <"$1/pids" 2>/dev/null
  rm -rf "$1"' "$$" "$dir" >/dev/null 2>&1 </dev/null &

export JUO_MAILDIR=${JUO_MAILDIR:-$dir/maildir}
mkdir -p "$JUO_MAILDIR"
# One secret for all: a form signed by one instance is accepted by the others. nginx, on
# loopback, is the trusted proxy whose X-Forwarded-For names the client (docs/deploy.md).
JUO_SECRET=$(head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n')
export JUO_SECRET
export JUO_TRUSTED_PROXIES=${JUO_TRUSTED_PROXIES:-127.0.0.1}

urls=()
for k in $(seq 1 "$count"); do
  "$juo" serve --db "$db" --listen 127.0.0.1:0 >"$dir/serve-$k.log" 2>&1 &
  pids+=($!)
  echo "$!" >>"$dir/pids"
done
for k in $(seq 1 "$count"); do
  url=""
  for _ in $(seq 1 300); do  # 30 s: an instance migrates and loads the catalogue first
    url=$(grep -o 'on http://127\.0\.0\.1:[0-9]*' "$dir/serve-$k.log" | head -1 | cut -c4-) || true
    [ -n "$url" ] && break
    kill -0 "${pids[$((k - 1))]}" 2>/dev/null || break
    sleep 0.1
  done
  if [ -z "$url" ] || ! curl -sf -m 5 "$url/healthz" >/dev/null; then
    echo "with_instances: instance $k did not start (log: serve-$k.log)" >&2
    exit 1
  fi
  urls+=("$url")
done

# nginx: the instances as `server` lines with the shipped line's parameters (max_fails…).
params=$(sed -n 's/^ *server 127\.0\.0\.1:8081 \(.*\);.*$/\1/p' "$shipped")
if [ -z "$params" ]; then
  echo "with_instances: no 'server 127.0.0.1:8081 …;' line in $shipped to take the parameters from" >&2
  exit 1
fi
write_nginx_conf() {  # write_nginx_conf PORT
  local conf=$dir/nginx/nginx.conf url
  {
    echo "# Generated by tests/pg/with_instances.sh: $count instances behind nginx on 127.0.0.1:$1."
    echo "worker_processes auto;"
    echo "worker_rlimit_nofile 16384;"
    echo "pid $dir/nginx/nginx.pid;"
    echo "error_log $dir/nginx/error.log warn;"
    # As root, the workers run as root too: the temporary folder is root's.
    [ "$(id -u)" -ne 0 ] || echo "user $(id -un) $(id -gn);"
    echo "events { worker_connections 8192; }"
    echo "http {"
    echo "  access_log off;"
    for t in client_body proxy fastcgi uwsgi scgi; do echo "  ${t}_temp_path $dir/nginx/tmp/$t;"; done
    echo "  upstream juo_app {"
    for url in "${urls[@]}"; do echo "    server ${url#http://} $params;"; done
    echo "    include snippets/juo-upstream.conf;"
    echo "  }"
    echo "  server {"
    echo "    listen 127.0.0.1:$1;"
    echo "    client_max_body_size 12m;"
    echo "    location / { include snippets/juo-proxy.conf; }"
    echo "  }"
    echo "}"
  } >"$conf"
}
base=""
for _ in $(seq 1 20); do
  port=$((20000 + RANDOM % 30000))
  port_free "$port" || continue
  write_nginx_conf "$port"
  "$NGINX" -p "$dir/nginx" -c "$dir/nginx/nginx.conf" -g 'daemon off;' 2>>"$dir/nginx/error.log" &
  nginx_pid=$!
  echo "$nginx_pid" >>"$dir/pids"
  for _ in $(seq 1 100); do  # 10 s
    if curl -sf -m 2 "http://127.0.0.1:$port/healthz" >/dev/null; then
      base="http://127.0.0.1:$port"
      break 2
    fi
    kill -0 "$nginx_pid" 2>/dev/null || break
    sleep 0.1
  done
  kill -TERM "$nginx_pid" 2>/dev/null || true
  wait "$nginx_pid" 2>/dev/null || true
  nginx_pid=""
done
if [ -z "$base" ]; then
  echo "with_instances: nginx did not start:" >&2
  tail -20 "$dir/nginx/error.log" >&2 || true
  exit 1
fi

export JUO_BASE_URL=$base
export JUO_INSTANCE_URLS="${urls[*]}"
export JUO_INSTANCE_PIDS="${pids[*]}"
export JUO_NGINX_PID=$nginx_pid
export JUO_INSTANCES_DIR=$dir
run_command "$@"
