#!/usr/bin/env bash
# Run the service on the embedded SQLite store (var/dtks.sqlite3).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
.venv/bin/dtks init
exec .venv/bin/dtks serve --host "${DTKS_HOST:-127.0.0.1}" --port "${DTKS_PORT:-8000}"
