#!/usr/bin/env bash
# First-deployment smoke test of the portal against a real SQL Server (README, "SQL Server"): applies the migrations,
# seeds roles and categories, lets Hangfire install its schema, runs the portal's heaviest read queries, and prints one
# line per step. Exits non-zero on the first failure.
#   ./sqlserver-smoke.sh 'Server=db.example;Database=ZoworPortal;User ID=zowor_portal;Password=…;Encrypt=True'
set -euo pipefail
cd "$(dirname "$0")"
if [ "$#" -ne 1 ]; then
  echo "usage: $0 'SQL Server connection string'" >&2
  exit 2
fi
Database__Provider=SqlServer ConnectionStrings__Portal="$1" DOTNET_ENVIRONMENT=Production ASPNETCORE_ENVIRONMENT=Production \
  dotnet run --project Zowor.Portal --no-launch-profile -- --smoke
