#!/usr/bin/env bash
# Refresh the web's message catalogues: extract the Indonesian texts, merge them
# into the English catalogue, compile it. Translate new entries in
# web/translations/en/LC_MESSAGES/messages.po, then run this again.
set -euo pipefail
cd "$(dirname "$0")/.."
BABEL=.venv/bin/pybabel
$BABEL extract -F web/babel.cfg -k _l --no-location --omit-header --sort-output \
  -o web/translations/messages.pot .
if [ -f web/translations/en/LC_MESSAGES/messages.po ]; then
  $BABEL update -i web/translations/messages.pot -d web/translations -l en \
    --no-fuzzy-matching
else
  $BABEL init -i web/translations/messages.pot -d web/translations -l en
fi
$BABEL compile -d web/translations
