#!/usr/bin/env bash
# Add a migration named $1 to BOTH migrations sets (docs/adr/0005): SQLite (Data/Migrations) and
# PostgreSQL (Data/PostgresMigrations). Review both generated Up/Down methods and commit them together.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ $# -ne 1 ] || [[ ! "$1" =~ ^[A-Za-z][A-Za-z0-9]*$ ]]; then
  echo "用法:bash scripts/add-migration.sh <迁移名称,如 AddPasswordHistory>" >&2
  exit 2
fi
name="$1"
dotnet tool restore >/dev/null
dotnet build src/RectificationTracker.Web -nologo -v q
dotnet ef migrations add "$name" --no-build --project src/RectificationTracker.Web \
  --context TrackerDbContext -o Data/Migrations
dotnet ef migrations add "$name" --no-build --project src/RectificationTracker.Web \
  --context PostgresTrackerDbContext -o Data/PostgresMigrations
echo "已为 SQLite 与 PostgreSQL 各生成迁移 $name;请检查两份 Up/Down 后一并提交。"
