#!/usr/bin/env bash
# Quick start 2: the whole test suite (unit, integration, browser). Ends with "N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")/.."
source scripts/common.sh
ensure_dotnet
ensure_debian_packages chromium fonts-noto-cjk $REPORT_PACKAGES poppler-utils $OFFICE_TEST_PACKAGES python3-aiosmtpd

results="$PWD/artifacts/test-results"
rm -rf "$results" && mkdir -p "$results"

if ! dotnet build RectificationTracker.sln -c Release -nologo -v q; then
  echo "构建失败。"
  echo "0 passed, 1 failed"
  exit 1
fi

status=0
for project in tests/*/*.csproj; do
  name="$(basename "$project" .csproj)"
  echo "== $name"
  if ! dotnet test "$project" -c Release --no-build -nologo \
      --logger "trx;LogFileName=$name.trx" --logger "console;verbosity=minimal" --results-directory "$results"; then
    status=1
  fi
  [ -f "$results/$name.trx" ] || { echo "$name: 没有生成测试结果"; status=1; }
done

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
