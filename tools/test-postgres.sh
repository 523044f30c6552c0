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
    cluster="$dir"
    if [ "$(id -u)" -eq 0 ]; then
      chown postgres "$dir"
      # A checkout under a folder closed to other users (/root) cannot hold the cluster the postgres user runs:
      # then it lives in a folder of its own under /tmp, and DIR points to it.
      if ! runuser -u postgres -- test -w "$dir"; then
        cluster=$(mktemp -d /tmp/commsplan-pg.XXXXXX)
        chown postgres "$cluster"
      fi
    fi
    echo "$cluster" >"$dir/cluster-dir"
    data="$cluster/data"
    # The server's own socket folder and log live there too: nothing touches the machine's clusters.
    if [ ! -f "$data/PG_VERSION" ]; then
      as_owner "$bin/initdb" -D "$data" -U postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8 >"$dir/initdb.log"
    fi
    # A free loopback port, with bash alone (a fresh machine may have no python): nothing answers on it.
    port=""
    for _ in $(seq 1 50); do
      candidate=$((20000 + RANDOM % 30000))
      if ! (exec 3<>"/dev/tcp/127.0.0.1/$candidate") 2>/dev/null; then port=$candidate; break; fi
    done
    if [ -z "$port" ]; then echo "no free loopback port found" >&2; exit 1; fi
    as_owner "$bin/pg_ctl" -D "$data" -l "$cluster/server.log" -w -t 60 start \
      -o "-p $port -k $cluster -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300" >/dev/null
    echo "Host=127.0.0.1;Port=$port;Username=postgres" | tee "$dir/connection-string"
    ;;
  stop)
    cluster="$dir"
    [ -f "$dir/cluster-dir" ] && cluster=$(cat "$dir/cluster-dir")
    if [ -f "$cluster/data/postmaster.pid" ]; then
      as_owner "$bin/pg_ctl" -D "$cluster/data" -m immediate -w stop >/dev/null || true
    fi
    rm -rf "$cluster" "$dir"
    ;;
  *) echo "usage: $0 start|stop DIR" >&2; exit 2 ;;
esac
