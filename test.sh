#!/usr/bin/env bash
# The one test command: installs what a fresh machine lacks, builds, runs every test project,
# and ends with "tests: N passed, N failed, N skipped". Exits non-zero on any failure.
set -uo pipefail
cd "$(dirname "$0")"

if [ ! -x /usr/bin/chromium ]; then
  echo "== installing Debian chromium for the browser tests"
  export DEBIAN_FRONTEND=noninteractive
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq && $SUDO apt-get install -y -qq chromium >/dev/null || { echo "chromium install failed"; echo "tests: 0 passed, 1 failed, 0 skipped"; exit 1; }
fi

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
echo "== restoring and building"
dotnet restore CommsPlan.sln || { echo "tests: 0 passed, 1 failed, 0 skipped"; exit 1; }
dotnet build CommsPlan.sln --no-restore -c Debug || { echo "tests: 0 passed, 1 failed, 0 skipped"; exit 1; }

results=".test-results"
[ -d "$results/postgres" ] && tools/test-postgres.sh stop "$results/postgres"
rm -rf "$results"; mkdir -p "$results"

# The data tests run on PostgreSQL too: a throw-away cluster in the run's folder, stopped and removed on any exit.
# COMMSPLAN_TEST_POSTGRES=off skips those tests (counted as skipped); a connection string set by the caller is used as is.
if [ -z "${COMMSPLAN_TEST_POSTGRES:-}" ]; then
  if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
    echo "== installing Debian postgresql for the PostgreSQL tests"
    export DEBIAN_FRONTEND=noninteractive
    SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
    $SUDO apt-get update -qq && $SUDO apt-get install -y -qq postgresql >/dev/null || { echo "postgresql install failed"; echo "tests: 0 passed, 1 failed, 0 skipped"; exit 1; }
  fi
  pg_dir="$(pwd)/$results/postgres"
  trap 'tools/test-postgres.sh stop "$pg_dir"' EXIT
  echo "== starting a throw-away PostgreSQL cluster in $pg_dir"
  COMMSPLAN_TEST_POSTGRES=$(tools/test-postgres.sh start "$pg_dir") || { echo "PostgreSQL did not start (see server.log in $(cat "$pg_dir/cluster-dir" 2>/dev/null || echo "$pg_dir"))"; echo "tests: 0 passed, 1 failed, 0 skipped"; exit 1; }
  export COMMSPLAN_TEST_POSTGRES
fi
# The mail tests send to a real SMTP server on a loopback port, started by each test: Debian's python3-aiosmtpd.
if ! /usr/bin/python3 -c 'import aiosmtpd' >/dev/null 2>&1; then
  echo "== installing Debian python3-aiosmtpd for the mail tests"
  export DEBIAN_FRONTEND=noninteractive
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq && $SUDO apt-get install -y -qq python3-aiosmtpd >/dev/null || { echo "python3-aiosmtpd install failed"; echo "tests: 0 passed, 1 failed, 0 skipped"; exit 1; }
fi
status=0
for project in $(find . -name '*.Tests.csproj' -not -path './bin/*' | sort); do
  echo "== testing $project"
  dotnet test "$project" --no-build -c Debug --logger "trx;LogFilePrefix=$(basename "$project" .csproj)" --results-directory "$results" || status=1
done

# Sum the counters of every TRX file the runs wrote.
passed=0; failed=0; skipped=0
for trx in "$results"/*.trx; do
  [ -f "$trx" ] || continue
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -1)
  get() { echo "$counters" | sed -n "s/.* $1=\"\([0-9]*\)\".*/\1/p"; }
  total=$(get total); p=$(get passed); f=$(get failed); e=$(get error); t=$(get timeout); ab=$(get aborted)
  passed=$((passed + ${p:-0}))
  failed=$((failed + ${f:-0} + ${e:-0} + ${t:-0} + ${ab:-0}))
  skipped=$((skipped + ${total:-0} - ${p:-0} - ${f:-0} - ${e:-0} - ${t:-0} - ${ab:-0}))
  # An error outside any test (a fixture's cleanup that threw) fails the run but no test: count each one. xunit also
  # logs every failed test as such an error ("… [FAIL]"); those are already counted above.
  outside=$(grep -A1 '<RunInfo [^>]*outcome="Error"' "$trx" | sed -n 's/.*<Text>\(.*\)<\/Text>.*/   \1/p' | grep -v ' \[FAIL\]$' || true)
  run_errors=$(printf '%s' "$outside" | grep -c . || true)
  if [ "${run_errors:-0}" -gt 0 ]; then
    echo "== $run_errors error(s) outside the tests in $trx:"
    echo "$outside"
    failed=$((failed + run_errors))
  fi
done
if ! ls "$results"/*.trx >/dev/null 2>&1; then failed=$((failed + 1)); status=1; fi
[ "$failed" -gt 0 ] && status=1

echo "tests: $passed passed, $failed failed, $skipped skipped"
exit $status
