#!/usr/bin/env bash
# A throw-away PostgreSQL cluster for the tests, on a loopback port, under DIR.
#   tools/test-postgres.sh start DIR   initdb + start; prints the admin connection string and writes it to DIR/connection-string
#   tools/test-postgres.sh stop DIR    stop the server and delete DIR
# Then: export COMMSPLAN_TEST_POSTGRES="$(cat DIR/connection-string)"; dotnet test ...
# Trust authentication on 127.0.0.1 only, fsync off: never for data that matters.
set -euo pipefail

command=${1:-}; dir=${2:-}
if [ -z "$command" ] || [ -z "$dir" ]; then echo "usage: $0 start|stop DIR" >&2; exit 2; fi
dir=$(mkdir -p "$dir" && cd "$dir" && pwd)

bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1 || true)
if [ -z "$bin" ] || [ ! -x "$bin/initdb" ]; then
  echo "PostgreSQL server binaries not found under /usr/lib/postgresql: apt-get install postgresql" >&2; exit 1
fi

# initdb and postgres refuse to run as root: run them as the `postgres` user the Debian package creates.
as_owner() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

case "$command" in
  start)
    data="$dir/data"
    if [ "$(id -u)" -eq 0 ]; then chown postgres "$dir"; fi
    # The server's own socket folder and log live in DIR too: nothing touches the machine's clusters.
    if [ ! -f "$data/PG_VERSION" ]; then
      as_owner "$bin/initdb" -D "$data" -U postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8 >"$dir/initdb.log"
    fi
    port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
    as_owner "$bin/pg_ctl" -D "$data" -l "$dir/server.log" -w -t 60 start \
      -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300" >/dev/null
    echo "Host=127.0.0.1;Port=$port;Username=postgres" | tee "$dir/connection-string"
    ;;
  stop)
    if [ -f "$dir/data/postmaster.pid" ]; then
      as_owner "$bin/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null || true
    fi
    rm -rf "$dir"
    ;;
  *) echo "usage: $0 start|stop DIR" >&2; exit 2 ;;
esac
