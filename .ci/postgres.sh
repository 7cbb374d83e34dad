#!/usr/bin/env bash
# Start a throw-away PostgreSQL on loopback for the store tests; print and export its URL.
#
#   source .ci/postgres.sh      # exports COMMUNIQUE_TEST_PG_URL
#   .ci/postgres.sh             # prints the URL
#
# Installs PostgreSQL from Debian's packages (after apt-get update) when no server
# binaries are found. Idempotent and fast when the server already runs: it only
# checks pg_isready and that the test database exists. The cluster lives in
# $COMMUNIQUE_PG_DIR (default /tmp/communique-pg), listens on 127.0.0.1 only, port
# $COMMUNIQUE_PG_PORT (default 54329), trust authentication for local connections.
set -euo pipefail

PG_DIR="${COMMUNIQUE_PG_DIR:-/tmp/communique-pg}"
PG_PORT="${COMMUNIQUE_PG_PORT:-54329}"
PG_DB="${COMMUNIQUE_PG_DB:-communique_test}"
PG_USER_OS="postgres"

_pg_bindir() {
  local dir
  for dir in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
    [ -x "$dir/initdb" ] && { echo "$dir"; return 0; }
  done
  command -v initdb >/dev/null 2>&1 && { dirname "$(command -v initdb)"; return 0; }
  return 1
}

_as_pg() {
  # Run a command as the unprivileged server owner when we are root (initdb refuses root).
  if [ "$(id -u)" = "0" ]; then
    if command -v runuser >/dev/null 2>&1; then runuser -u "$PG_USER_OS" -- "$@"; else su "$PG_USER_OS" -s /bin/sh -c "$(printf '%q ' "$@")"; fi
  else
    "$@"
  fi
}

_install() {
  echo "postgres.sh: installing PostgreSQL from Debian packages" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2
  apt-get install -y -qq --no-install-recommends postgresql >&2
}

_main() {
  local bindir
  bindir="$(_pg_bindir)" || { _install; bindir="$(_pg_bindir)"; }
  if [ "$(id -u)" != "0" ]; then PG_USER_OS="$(id -un)"; fi
  local url="postgresql://${PG_USER_OS}@127.0.0.1:${PG_PORT}/${PG_DB}"

  if ! "$bindir/pg_isready" -q -h 127.0.0.1 -p "$PG_PORT"; then
    if [ ! -s "$PG_DIR/PG_VERSION" ]; then
      mkdir -p "$PG_DIR"
      [ "$(id -u)" = "0" ] && chown "$PG_USER_OS" "$PG_DIR"
      chmod 700 "$PG_DIR"
      _as_pg "$bindir/initdb" -D "$PG_DIR" -U "$PG_USER_OS" --auth=trust --encoding=UTF8 --locale=C.UTF-8 >/dev/null
    fi
    _as_pg "$bindir/pg_ctl" -D "$PG_DIR" -l "$PG_DIR/server.log" -w -t 30 \
      -o "-c listen_addresses=127.0.0.1 -p $PG_PORT -k $PG_DIR -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
      start >/dev/null
  fi
  if ! "$bindir/psql" -h 127.0.0.1 -p "$PG_PORT" -U "$PG_USER_OS" -d postgres -tAc \
       "SELECT 1 FROM pg_database WHERE datname = '$PG_DB'" | grep -q 1; then
    "$bindir/createdb" -h 127.0.0.1 -p "$PG_PORT" -U "$PG_USER_OS" "$PG_DB"
  fi
  export COMMUNIQUE_TEST_PG_URL="$url"
  echo "$url"
}

_main "$@"
