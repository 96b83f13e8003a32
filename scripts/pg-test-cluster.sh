#!/usr/bin/env bash
# Run a command against a throwaway PostgreSQL cluster, then remove the cluster.
#
#   scripts/pg-test-cluster.sh .venv/bin/python -m pytest      (what `make test-postgres` does)
#
# The cluster lives in a fresh directory under /tmp, listens only on a Unix socket in that
# directory (no TCP port), trusts local connections and runs with fsync off: it is for tests
# only. The command gets TEST_DATABASE_URL (SQLAlchemy, psycopg 3) plus PGHOST/PGUSER/
# PGDATABASE for psql. The cluster is stopped and deleted however the command ends, and the
# script exits with the command's status.
#
# Settings (environment): PG_BINDIR (default: newest /usr/lib/postgresql/*/bin),
# PG_TEST_USER (the account that runs the server when this script runs as root; default
# postgres, because initdb refuses to run as root), PG_TEST_TIMEOUT (seconds the command
# may take, default 1800).
set -euo pipefail

if [ $# -eq 0 ]; then
  echo "usage: $0 COMMAND [ARG...]" >&2
  exit 2
fi

find_bindir() {
  if [ -n "${PG_BINDIR:-}" ]; then echo "$PG_BINDIR"; return; fi
  local dir
  dir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
  if [ -n "$dir" ]; then echo "$dir"; return; fi
  dir=$(dirname "$(command -v initdb 2>/dev/null || echo /nonexistent/initdb)")
  echo "$dir"
}
BINDIR=$(find_bindir)
if [ ! -x "$BINDIR/initdb" ] || [ ! -x "$BINDIR/postgres" ]; then
  echo "$0: PostgreSQL server programs not found (install Debian's postgresql package," \
       "or set PG_BINDIR)" >&2
  exit 2
fi

DB_USER=quiz
DB_NAME=quiz_test
PORT=5432                      # only names the socket file; nothing listens on TCP
TIMEOUT=${PG_TEST_TIMEOUT:-1800}

BASE=$(mktemp -d /tmp/quiz-pg.XXXXXX)
DATA="$BASE/data"
LOG="$BASE/server.log"

# initdb and postgres refuse to run as root: run them as PG_TEST_USER instead.
as_server=()
if [ "$(id -u)" -eq 0 ]; then
  server_user=${PG_TEST_USER:-postgres}
  if ! id "$server_user" >/dev/null 2>&1; then
    echo "$0: running as root and user '$server_user' does not exist; set PG_TEST_USER" >&2
    rm -rf "$BASE"
    exit 2
  fi
  chown "$server_user" "$BASE"
  as_server=(setpriv --reuid="$server_user" --regid="$(id -g "$server_user")" --init-groups --)
fi

# The server and the command run as children of this script, so that a signal to the script
# reaches them and the script reaps them (no daemonized postmaster is left behind).
server_pid=""
command_pid=""
cleanup() {
  local status=$?
  trap - EXIT INT TERM HUP
  if [ -n "$command_pid" ]; then
    kill -TERM "$command_pid" 2>/dev/null || true
    wait "$command_pid" 2>/dev/null || true
  fi
  if [ -n "$server_pid" ]; then
    kill -QUIT "$server_pid" 2>/dev/null || true   # immediate shutdown: the data is thrown away
    wait "$server_pid" 2>/dev/null || true
  fi
  rm -rf "$BASE"
  exit "$status"
}
trap cleanup EXIT
trap 'exit 129' HUP
trap 'exit 130' INT
trap 'exit 143' TERM

start=$(date +%s)
(cd / && "${as_server[@]}" "$BINDIR/initdb" -D "$DATA" -U "$DB_USER" --auth=trust -E UTF8 \
  --locale=C.UTF-8 --no-sync) >"$BASE/initdb.log" 2>&1 \
  || { cat "$BASE/initdb.log" >&2; exit 1; }

(cd / && exec "${as_server[@]}" "$BINDIR/postgres" -D "$DATA" -p "$PORT" \
  -c listen_addresses='' -c unix_socket_directories="$BASE" \
  -c fsync=off -c synchronous_commit=off -c full_page_writes=off \
  -c max_connections=200 -c shared_buffers=64MB) >"$LOG" 2>&1 &
server_pid=$!
for _ in $(seq 1 600); do   # up to 60 s
  "$BINDIR/pg_isready" -q -h "$BASE" -p "$PORT" && break
  if ! kill -0 "$server_pid" 2>/dev/null; then
    server_pid=""
    echo "$0: PostgreSQL did not start; its log:" >&2
    cat "$LOG" >&2
    exit 1
  fi
  sleep 0.1
done
if ! "$BINDIR/pg_isready" -q -h "$BASE" -p "$PORT"; then
  echo "$0: PostgreSQL did not accept connections within 60 s; its log:" >&2
  cat "$LOG" >&2
  exit 1
fi
"$BINDIR/createdb" -h "$BASE" -p "$PORT" -U "$DB_USER" "$DB_NAME"
echo "PostgreSQL $("$BINDIR/postgres" --version | awk '{print $3}') ready on socket $BASE" \
     "($(( $(date +%s) - start ))s)" >&2

export TEST_DATABASE_URL="postgresql+psycopg://$DB_USER@/$DB_NAME?host=$BASE&port=$PORT"
export PGHOST="$BASE" PGPORT="$PORT" PGUSER="$DB_USER" PGDATABASE="$DB_NAME"

status=0
timeout -k 30 "$TIMEOUT" "$@" &
command_pid=$!
wait "$command_pid" || status=$?
command_pid=""
if [ "$status" -eq 124 ]; then
  echo "$0: the command took longer than ${TIMEOUT}s and was stopped" >&2
fi
exit "$status"
