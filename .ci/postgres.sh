#!/usr/bin/env bash
# Start a throwaway PostgreSQL server for the test suite and print its URL.
# Uses Debian's PostgreSQL binaries; the data lives in a temporary folder, trust auth on localhost.
set -euo pipefail
bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
[ -x "$bin/initdb" ] || { echo "PostgreSQL is not installed (apt-get install postgresql)" >&2; exit 1; }
port=${CASETRAIL_PG_PORT:-$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')}
data=$(mktemp -d /tmp/casetrail-pg.XXXXXX)
run() { if [ "$(id -u)" = 0 ]; then su postgres -s /bin/bash -c "$*"; else bash -c "$*"; fi; }
[ "$(id -u)" = 0 ] && chown postgres "$data"
run "'$bin/initdb' -D '$data' -A trust -U postgres >'$data.initdb.log' 2>&1"
run "'$bin/pg_ctl' -D '$data' -o '-p $port -k /tmp -c listen_addresses=127.0.0.1 -c fsync=off' -l '$data/server.log' -w start >/dev/null"
echo "postgresql://postgres@127.0.0.1:$port/postgres"
