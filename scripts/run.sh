#!/usr/bin/env bash
# Quick start 1: bring the app up with everything working (idempotent).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/common.sh
ensure_dotnet
ensure_debian_packages $REPORT_PACKAGES
export Tracker__SeedDemoData="${Tracker__SeedDemoData:-true}"
export Tracker__DataDirectory="${Tracker__DataDirectory:-$PWD/data}"
exec dotnet run --project src/RectificationTracker.Web -c Release
