#!/usr/bin/env bash
# Benchmarks (BenchmarkDotNet, in-process). Usage: scripts/bench.sh [filter] [more BenchmarkDotNet args]
#   bash scripts/bench.sh '*Workflow*'      # issue 3 figures with 10,000 tasks
#   bash scripts/bench.sh '*'               # everything
#   bash scripts/bench.sh journal           # ADR 4: readers while a writer commits, the ledger during an import, per journal mode
#   bash scripts/bench.sh scale 100000 [Sqlite|Postgres]  # issue 14: ledger, dashboard, transition, 50 users (wrk) at N tasks
#   bash scripts/bench.sh circuits          # issue 12: server memory per open /ledger circuit (10 and 50 Chromium pages), exceptions per load
#   bash scripts/bench.sh page-profile /ledger [200]  # issue 12: a page's first response split into SQL and the rest (10,000 tasks)
#   bash scripts/bench.sh first-report 5 [parts [jit]]  # issue 15: the first reports 5 s after start against warm ones, in
#       FIRST_REPORT_RUNS fresh processes (default 5) and their medians; "parts": a sign-off's steps and the whole
#       bulletin's stages with page faults; "jit": also the methods compiled during the first sign-offs (ADR 14)
#   bash scripts/bench.sh dashboard-profile 1000000 [3]  # issue 14: the dashboard: SQL counts, calculation, whole (BENCH_PER_FACT=1: also the per-fact path)
# The first run of a size builds its database once under artifacts/bench-data/tasks-N (minutes for 50,000).
# Reports: artifacts/bench/results/*.md
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/common.sh
ensure_dotnet
# The reports' fonts: every PDF a benchmark writes (first-report, report-figures, the report benchmarks) needs them.
ensure_debian_packages $REPORT_PACKAGES
if [ "${1:-}" = "circuits" ]; then
  ensure_debian_packages chromium
fi
if [ "${1:-}" = "scale" ]; then
  ensure_debian_packages wrk
  if [ "${3:-Sqlite}" = "Postgres" ]; then
    ensure_postgres tracker_test
    export BENCH_PG="Host=127.0.0.1;Port=$PG_PORT;Username=tracker_test;Password=tracker_test;Database=postgres"
    if [ "$(nproc)" -le 2 ]; then
      # The README's advice for a host of two cores shared by the app and PostgreSQL: no parallel query (its workers
      # cost more than they gain there; docs/adr/0012, sixth pass). The scale line prints the options used.
      BENCH_PG="$BENCH_PG;Options=-c max_parallel_workers_per_gather=0"
    fi
  fi
fi
if [ "${1:-}" = "first-report" ] && [ "${3:-}" != "parts" ]; then
  # Each run is one fresh process, so one first report each: the medians over several runs are the figure.
  dotnet build -c Release bench/RectificationTracker.Benchmarks -v q -nologo >/dev/null
  runs="${FIRST_REPORT_RUNS:-5}"
  for _ in $(seq "$runs"); do
    dotnet run -c Release --no-build --project bench/RectificationTracker.Benchmarks -- "$@" | grep '^// first-report'
  done | tee /dev/stderr | awk '
    function median(list, n,   sorted, i, j, t) {
      for (i = 1; i <= n; i++) sorted[i] = list[i]
      for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++) if (sorted[j] < sorted[i]) { t = sorted[i]; sorted[i] = sorted[j]; sorted[j] = t }
      return n % 2 ? sorted[(n + 1) / 2] : (sorted[n / 2] + sorted[n / 2 + 1]) / 2
    }
    /first-report: sign-off/ {
      n++
      for (i = 1; i <= NF; i++) {
        if ($i == "first") { f[++k] = $(i + 1) } else if ($i == "warm") { w[++m] = $(i + 1) }
      }
    }
    END {
      split("sign-off sheet|500-task ledger|whole-campaign bulletin", names, "|")
      line = "// first-report: medians over " n " runs:"
      for (r = 1; r <= 3; r++) {
        for (i = 1; i <= n; i++) { fs[i] = f[(i - 1) * 3 + r]; ws[i] = w[(i - 1) * 3 + r]; rs[i] = fs[i] / ws[i] }
        line = line sprintf(" %s first %.3f s, warm %.3f s, ratio ×%.2f;", names[r], median(fs, n), median(ws, n), median(rs, n))
      }
      print line
    }'
  exit 0
fi
if [ "${1:-}" = "scale" ] || [ "${1:-}" = "import-once" ] || [ "${1:-}" = "journal" ] || [ "${1:-}" = "first-report" ] || [ "${1:-}" = "circuits" ] || [ "${1:-}" = "page-profile" ] || [ "${1:-}" = "dashboard-profile" ]; then
  exec dotnet run -c Release --project bench/RectificationTracker.Benchmarks -- "$@"
fi
filter="${1:-*}"
shift || true
dotnet run -c Release --project bench/RectificationTracker.Benchmarks -- --filter "$filter" "$@"
