"""Backups carry the signed checkpoint of their events; a restore checks it first."""

from __future__ import annotations

from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from events.db import ReadStore
from events.integrity import note, proofs
from events.integrity.offline import check_leaves
from events.integrity.seal import seal


def closing(ledger: Any, store: ReadStore) -> Any:
    """What `export_events` adds to its last line: the checkpoint of the events."""
    key = note.load_key(note.key_path())

    def close(count: int) -> dict:
        """The closing line's checkpoint of the first `count` events."""
        if key is None or count == 0:
            return {}
        return {"checkpoint": proofs.checkpoint(ledger, store, key, size=count).text}

    return close


def check_backup(
    trailer: dict, leaves: list[bytes], verifier: tuple[str, Ed25519PublicKey] | None
) -> str:
    """Refuse a backup whose events are not those of its checkpoint; says what held."""
    text = trailer.get("checkpoint")
    if text is None:
        return "the backup carries no checkpoint: its events were not checked"
    if not isinstance(text, str):
        raise note.CheckpointError("the closing line's checkpoint is not text")
    if verifier is None:
        checkpoint = note.parse(text)
        signed = "its signature was not checked (no key: pass --key)"
    else:
        checkpoint = note.verify(text, *verifier)
        signed = "its signature holds"
    check_leaves(checkpoint, leaves)
    return f"the events match the backup's checkpoint of {checkpoint.size}; {signed}"


def adopt(ledger: Any, store: ReadStore, trailer: dict) -> None:
    """Seal a restored log and keep the backup's checkpoint beside it."""
    seal(ledger, store)
    if isinstance(trailer.get("checkpoint"), str):
        proofs.keep_checkpoint(store, note.parse(trailer["checkpoint"]))
