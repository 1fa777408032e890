#!/usr/bin/env bash
# Run the service on the embedded SQLite store (var/dtks.sqlite3).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
.venv/bin/dtks init
.venv/bin/dtks demo --if-empty  # a first start gets demo accounts and their tokens
# The ledger's signing key (checkpoints, DCI replies), made once and kept in var/,
# and a checkpoint of the log as it stands, so /api/v1/audit/checkpoint answers.
[ -f "${DTKS_LEDGER_KEY:-var/ledger-key.pem}" ] || .venv/bin/dtks keys init
.venv/bin/dtks audit checkpoint > /dev/null
echo "Web app:  http://${DTKS_BIND:-127.0.0.1:8000}/  (demo accounts: sign in as" \
     "operator.kedungmalang, camat.kedung, verifier.jepara, ratifier.jepara," \
     "ministry, auditor or admin, password demo-dtks-2026)"
echo "API docs: http://${DTKS_BIND:-127.0.0.1:8000}/api/docs"
exec .venv/bin/gunicorn -c gunicorn.conf.py wsgi:app
