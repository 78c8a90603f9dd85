#!/usr/bin/env bash
# Starts (or stops) a throw-away PostgreSQL server on loopback for the tests, from Debian's
# postgresql package. Prints the JDBC URL (without jdbc:nlsql:) on its last line.
#   scripts/pg-test-server.sh start   # installs postgresql if missing (root), inits, starts
#   scripts/pg-test-server.sh stop
# Environment: NLSQL_PG_PORT (default 54329), NLSQL_PG_DIR (default /tmp/nlsql-pg).
set -euo pipefail
port=${NLSQL_PG_PORT:-54329}
dir=${NLSQL_PG_DIR:-/tmp/nlsql-pg}
bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)

as_pg() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

case "${1:-start}" in
  start)
    if [ -z "$bin" ] || [ ! -x "$bin/postgres" ]; then
      if [ "$(id -u)" = 0 ]; then
        export DEBIAN_FRONTEND=noninteractive
        apt-get update -qq >/dev/null
        apt-get install -y -qq postgresql >/dev/null
        bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
      else
        echo "postgresql is not installed; run as root or: apt-get install postgresql" >&2
        exit 1
      fi
    fi
    if [ -f "$dir/postmaster.pid" ] && as_pg "$bin/pg_ctl" -D "$dir" status >/dev/null 2>&1; then
      :
    else
      rm -rf "$dir"
      mkdir -p "$dir"
      [ "$(id -u)" = 0 ] && chown postgres "$dir"
      as_pg "$bin/initdb" -D "$dir" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
      as_pg "$bin/pg_ctl" -D "$dir" -l "$dir/server.log" -w \
        -o "-c listen_addresses=127.0.0.1 -p $port -k $dir -c fsync=off -c max_connections=200" start >/dev/null
      for s in "CREATE ROLE nlsql LOGIN PASSWORD 'nlsql'" "CREATE DATABASE nlsql OWNER nlsql" "CREATE DATABASE nlsql_prov OWNER nlsql"; do
        as_pg "$bin/psql" -h 127.0.0.1 -p "$port" -U postgres -qAt -c "$s" >/dev/null
      done
    fi
    echo "postgresql://127.0.0.1:$port/nlsql?user=nlsql&password=nlsql"
    ;;
  stop)
    [ -n "$bin" ] && [ -d "$dir" ] && as_pg "$bin/pg_ctl" -D "$dir" -m fast stop >/dev/null 2>&1 || true
    ;;
  *) echo "usage: $0 start|stop" >&2; exit 2 ;;
esac
