#!/usr/bin/env bash
# sqlfluff over the dbt models with the dbt templater. The templater parses the project with
# the real profile, so point it at a throwaway warehouse rather than the demo's.
set -euo pipefail
cd "$(dirname "$0")/../dbt"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
WAREHOUSE_PATH="$tmp/lint.duckdb" exec sqlfluff "${1:-lint}" models --processes 1 "${@:2}"
