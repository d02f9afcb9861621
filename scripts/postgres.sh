#!/usr/bin/env bash
# A throwaway PostgreSQL server for the test suite (tests/conftest.py starts and stops it).
#   scripts/postgres.sh start   -> prints "URL DATA_DIR" of a server on a free local port
#   scripts/postgres.sh stop DATA_DIR
# Uses Debian's PostgreSQL binaries (scripts/setup.sh installs them); data in a temporary folder,
# trust authentication on 127.0.0.1 only.
set -euo pipefail
bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
[ -n "$bin" ] && [ -x "$bin/initdb" ] || { echo "PostgreSQL is not installed (apt-get install postgresql)" >&2; exit 3; }
run() { if [ "$(id -u)" = 0 ]; then su postgres -s /bin/bash -c "$*"; else bash -c "$*"; fi; }
case "${1:-start}" in
  start)
    port=${CASETRAIL_PG_PORT:-$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')}
    data=$(mktemp -d /tmp/casetrail-pg.XXXXXX)
    [ "$(id -u)" = 0 ] && chown postgres "$data"
    run "'$bin/initdb' -D '$data' -A trust -U postgres >'$data.initdb.log' 2>&1"
    run "'$bin/pg_ctl' -D '$data' -o '-p $port -k /tmp -c listen_addresses=127.0.0.1 -c fsync=off' -l '$data/server.log' -w start >/dev/null"
    echo "postgresql://postgres@127.0.0.1:$port/postgres $data"
    ;;
  stop)
    run "'$bin/pg_ctl' -D '$2' -m fast -w stop >/dev/null" || true
    rm -rf "$2" "$2.initdb.log"
    ;;
esac
