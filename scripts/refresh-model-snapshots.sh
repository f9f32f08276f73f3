#!/usr/bin/env bash
# After merging branches that each added a migration, each provider's model snapshot must describe the whole model
# again. This rewrites it without adding a migration: a throwaway migration is created (which rewrites the snapshot),
# its own files are deleted, and what it would have done is printed — it must be only what the merged migrations
# already do. The model tests (fresh databases built by the migrations, and no pending model changes) then prove it.
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet tool restore >/dev/null
for provider in Sqlite Postgres; do
  project="src/PublicCredit.Data.$provider"
  dotnet ef migrations add SnapshotRefresh --project "$project" --startup-project "$project" --context PublicCreditDbContext -o Migrations >/dev/null
  file=$(ls "$project"/Migrations/*_SnapshotRefresh.cs)
  echo "$provider: snapshot refreshed; the merged migrations must cover:"
  grep -oE "migrationBuilder\.[A-Za-z]+\(\s*$|name: \"[a-z_]+\"" "$file" | head -40 | sed 's/^/  /' || true
  rm "$project"/Migrations/*_SnapshotRefresh.cs "$project"/Migrations/*_SnapshotRefresh.Designer.cs
  rm -f "$project/design-time.db"
done
