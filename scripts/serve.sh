#!/usr/bin/env bash
# Run the service on the embedded SQLite store (var/dtks.sqlite3).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
.venv/bin/dtks init
.venv/bin/dtks demo --if-empty  # a first start gets demo accounts and their tokens
echo "Web app:  http://${DTKS_BIND:-127.0.0.1:8000}/  (demo accounts: sign in as" \
     "operator.kedungmalang, camat.kedung, verifier.jepara, ratifier.jepara," \
     "ministry or admin, password demo-dtks-2026)"
echo "API docs: http://${DTKS_BIND:-127.0.0.1:8000}/api/docs"
exec .venv/bin/gunicorn -c gunicorn.conf.py wsgi:app
