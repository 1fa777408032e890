"""Checks that need no database: one event against a checkpoint, a backup file."""

from __future__ import annotations

import base64
import binascii
from collections.abc import Iterable

from events.integrity.leaf import leaf
from events.integrity.merkle import in_memory, verify_inclusion
from events.integrity.note import Checkpoint, CheckpointError


def record_leaf(record: dict) -> bytes:
    """The leaf hash of an event in its backup-line form."""
    try:
        return leaf(
            str(record["topic"]),
            record["originator_id"],
            int(record["originator_version"]),
            str(record["state"]).encode("utf-8"),
        )
    except (KeyError, ValueError, TypeError):
        raise CheckpointError(
            "the event needs topic, originator_id, originator_version and state, "
            "as a line of `dtks export-events` or the proof's `event` holds them"
        ) from None


def _read_proof(proof: dict) -> tuple[int, int, list[bytes]]:
    try:
        index, size = int(proof["index"]), int(proof["size"])
        return index, size, [base64.b64decode(h, validate=True) for h in proof["proof"]]
    except (KeyError, ValueError, TypeError, binascii.Error):
        raise CheckpointError(
            "the proof needs index, size and proof, as "
            "GET /api/v1/audit/events/{position}/proof returns them"
        ) from None


def check_event(checkpoint: Checkpoint, proof: dict, record: dict) -> str:
    """Whether the event is in the log under the checkpoint; raises if not."""
    index, size, path = _read_proof(proof)
    if size != checkpoint.size:
        raise CheckpointError(
            f"the proof is for a tree of {size} events but the checkpoint is of "
            f"{checkpoint.size}: ask for the proof with ?size={checkpoint.size}"
        )
    if not verify_inclusion(index, size, record_leaf(record), path, checkpoint.root):
        raise CheckpointError(
            f"the event is not event {index + 1} of the {size} under this checkpoint "
            "(the event, the proof or the checkpoint was changed)"
        )
    return (
        f"OK: stream {record['originator_id']} version {record['originator_version']} "
        f"is event {index + 1} of the {size} events under checkpoint "
        f"{checkpoint.origin}"
    )


def check_leaves(checkpoint: Checkpoint, leaves: Iterable[bytes]) -> None:
    """Refuse events (e.g. a backup's) whose tree is not the checkpoint's."""
    hashes = list(leaves)
    if len(hashes) < checkpoint.size:
        raise CheckpointError(
            f"the checkpoint covers {checkpoint.size} events but the file holds "
            f"{len(hashes)}: events were removed"
        )
    if in_memory(hashes).root(checkpoint.size) != checkpoint.root:
        raise CheckpointError(
            f"the first {checkpoint.size} events do not match the checkpoint's root: "
            "an event was changed, removed, added or moved"
        )
