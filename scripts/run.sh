#!/usr/bin/env bash
# Quick start 1: run the app with the demo organisation and accounts.
#   bash scripts/run.sh
# Safe to run again: the database is migrated and the demo data loaded only when missing.
# Override any setting through the environment, e.g. Tracker__DataDirectory=/srv/tracker ASPNETCORE_URLS=http://0.0.0.0:8080
set -euo pipefail

invoked_from="$(pwd)"
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
# shellcheck source=scripts/lib.sh
. scripts/lib.sh

ensure_dotnet
# chromium prints the PDF reports; fonts-noto-cjk gives pages and PDFs their Chinese glyphs.
ensure_debian_packages chromium fonts-noto-cjk

export Tracker__SeedDemoData="${Tracker__SeedDemoData:-true}"
data_dir="${Tracker__DataDirectory:-$root/data}"
# `dotnet run` starts the app in the project folder; make the data folder independent of that.
case "$data_dir" in
    /*) ;;
    *) data_dir="$invoked_from/$data_dir" ;;
esac
export Tracker__DataDirectory="$data_dir"
mkdir -p "$Tracker__DataDirectory"

echo "数据目录:$Tracker__DataDirectory"
exec dotnet run --project src/RectificationTracker.Web -c Release
