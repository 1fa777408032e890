"""The stand-alone check in docs/TRUST.md works on a real checkpoint and proof."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from events.backup import line_of
from events.db import ReadStore
from events.integrity import note
from events.integrity.proofs import checkpoint, inclusion

TRUST = Path(__file__).parents[2] / "docs" / "TRUST.md"


def snippet() -> str:
    text = TRUST.read_text(encoding="utf-8")
    block = text.split("<!-- verify-event -->")[1].split("<!-- /verify-event -->")[0]
    return block.split("```python\n")[1].split("```")[0]


def test_the_documented_snippet_accepts_a_true_event_and_refuses_an_edited_one(
    ledger, actors, tmp_path
):
    key = note.create_key(tmp_path / "key.pem")
    store = ReadStore(ledger.env)
    signed = checkpoint(ledger, store, key)
    event = ledger.recorder.select_notifications(start=1, limit=100)[4]
    (tmp_path / "verify_event.py").write_text(snippet())
    (tmp_path / "checkpoint.txt").write_text(signed.text)
    (tmp_path / "proof.json").write_text(
        json.dumps(inclusion(ledger, store, event.id, signed.size))
    )
    record = line_of(event)

    def check() -> subprocess.CompletedProcess:
        (tmp_path / "event.json").write_text(json.dumps(record))
        vkey = note.verifier_key(note.origin(), key.public_key())
        files = ["checkpoint.txt", "proof.json", "event.json"]
        return subprocess.run(
            [sys.executable, "verify_event.py", vkey, *files],
            cwd=tmp_path,
            capture_output=True,
            text=True,
        )

    assert check().stdout == f"event 5 of {signed.size}: in the log\n"
    record["originator_version"] += 1
    refused = check()
    assert refused.returncode == 1
    assert refused.stdout == f"event 5 of {signed.size}: NOT in the log\n"
