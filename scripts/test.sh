#!/usr/bin/env bash
# Quick start 2: the whole test suite (unit, integration, browser), the integration tests once more on
# PostgreSQL, and the two-instance scale-out test behind nginx (docs/adr/0012). Ends with "N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")/.."
source scripts/common.sh
ensure_dotnet
ensure_debian_packages chromium $REPORT_PACKAGES poppler-utils $OFFICE_TEST_PACKAGES python3-aiosmtpd nginx
# PostgreSQL (Debian's package; the cluster is started if the machine has one, installed if not) and a test
# role that may create databases: every PostgreSQL test makes a database of its own and drops it.
ensure_postgres tracker_test
export TRACKER_TEST_PG="Host=127.0.0.1;Port=$PG_PORT;Username=tracker_test;Password=tracker_test;Database=postgres"
for db in $(runuser -u postgres -- psql -qtAc "select datname from pg_database where datname like 'rt\_test\_%' or datname like 'rt\_scale\_%'"); do
  runuser -u postgres -- psql -qc "drop database if exists \"$db\" with (force)" >/dev/null
done

results="$PWD/artifacts/test-results"
rm -rf "$results" && mkdir -p "$results"

if ! dotnet build RectificationTracker.sln -c Release -nologo -v q; then
  echo "构建失败。"
  echo "0 passed, 1 failed"
  exit 1
fi

status=0
# run_tests NAME PROJECT [dotnet test arguments…]: one trx per run, summed below.
run_tests() {
  local name="$1" project="$2"; shift 2
  echo "== $name"
  if ! dotnet test "$project" -c Release --no-build -nologo "$@" \
      --logger "trx;LogFileName=$name.trx" --logger "console;verbosity=minimal" --results-directory "$results"; then
    status=1
  fi
  [ -f "$results/$name.trx" ] || { echo "$name: 没有生成测试结果"; status=1; }
}

for project in tests/*/*.csproj; do
  name="$(basename "$project" .csproj)"
  if [ "$name" = "RectificationTracker.Web.Tests" ]; then
    # SQLite (the default); the scale-out test needs PostgreSQL and runs below.
    run_tests "$name" "$project" --filter "Category!=ScaleOut"
  else
    run_tests "$name" "$project"
  fi
done

# The integration tests again on PostgreSQL (those bound to SQLite's file are marked Provider=SqliteOnly),
# with the two-instance test: two app processes behind nginx (docs/deploy/nginx-tracker.conf).
TRACKER_TEST_PROVIDER=Postgres run_tests "RectificationTracker.Web.Tests.Postgres" tests/RectificationTracker.Web.Tests/RectificationTracker.Web.Tests.csproj \
  --filter "Provider!=SqliteOnly"

passed=0; failed=0
for trx in "$results"/*.trx; do
  [ -f "$trx" ] || continue
  counters="$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)"
  p="$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$counters")"
  f="$(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$counters")"
  passed=$((passed + ${p:-0})); failed=$((failed + ${f:-0}))
done

if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then failed=1; fi
[ "$failed" -eq 0 ] || status=1
echo "$passed passed, $failed failed"
exit "$status"
