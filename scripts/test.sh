#!/usr/bin/env bash
# Quick start 2: build everything and run every test project (unit, web, browser).
#   bash scripts/test.sh
# The last line is always "N passed, N failed"; the exit code is non-zero if any test failed or any
# test project could not be built or run (such a project counts as one failure).
set -uo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
# shellcheck source=scripts/lib.sh
. scripts/lib.sh

started=$SECONDS
results="$root/TestResults"
summary() {
    echo "Finished in $((SECONDS - started)) s. Test results: $results"
    echo "$1 passed, $2 failed"
}

ensure_dotnet || { summary 0 1; exit 1; }
# chromium for the browser tests and PDF reports, fonts-noto-cjk for Chinese glyphs,
# poppler-utils (pdftotext) for tests that read generated PDFs.
ensure_debian_packages chromium fonts-noto-cjk poppler-utils || { summary 0 1; exit 1; }

if ! dotnet build RectificationTracker.sln -c Release; then
    echo "Build failed." >&2
    summary 0 1
    exit 1
fi

rm -rf "$results"
mkdir -p "$results"
passed=0
failed=0
broken_projects=()

# Reads one attribute of the <Counters .../> element of a TRX file (0 when absent).
counter() {
    local value
    value="$(grep -o '<Counters [^>]*>' "$1" | head -n 1 | sed -n "s/.* $2=\"\([0-9]*\)\".*/\1/p")"
    echo "${value:-0}"
}

for project in tests/*/*.csproj; do
    name="$(basename "$project" .csproj)"
    trx="$results/$name.trx"
    echo
    echo "=== $name ==="
    dotnet test "$project" --no-build -c Release \
        --logger "trx;LogFileName=$name.trx" --results-directory "$results"
    status=$?
    if [ ! -f "$trx" ]; then
        echo "$name: no test results (exit code $status)." >&2
        broken_projects+=("$name")
        failed=$((failed + 1))
        continue
    fi
    p="$(counter "$trx" passed)"
    f=$(( $(counter "$trx" failed) + $(counter "$trx" error) + $(counter "$trx" timeout) + $(counter "$trx" aborted) ))
    if [ "$status" -ne 0 ] && [ "$f" -eq 0 ]; then
        # The run itself broke (e.g. the test host crashed) without a failed test to show for it.
        echo "$name: dotnet test exited with $status." >&2
        broken_projects+=("$name")
        f=1
    fi
    passed=$((passed + p))
    failed=$((failed + f))
done

echo
if [ "${#broken_projects[@]}" -gt 0 ]; then
    echo "Test projects that did not run cleanly: ${broken_projects[*]}" >&2
fi
summary "$passed" "$failed"
[ "$failed" -eq 0 ]
