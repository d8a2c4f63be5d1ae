# Shell functions shared by the harnesses of tests/pg (with_postgres.sh, with_instances.sh):
# sourced, not run.
# shellcheck shell=bash

# port_free PORT: nothing listens on the TCP port.
port_free() { ! ss -ltnH "sport = :$1" 2>/dev/null | grep -q .; }

# run_command COMMAND [ARG…]: runs the command, then exits the script with its status. In the
# background, so that a TERM or INT reaches the script's traps at once rather than after the
# command; the signal is passed on to the command.
run_command() {
  set +e
  "$@" &
  child=$!
  trap 'kill -TERM "$child" 2>/dev/null; exit 143' TERM
  trap 'kill -INT "$child" 2>/dev/null; exit 130' INT
  wait "$child"
  local status=$?
  set -e
  exit "$status"
}
