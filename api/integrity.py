"""Tamper evidence over HTTP: signed checkpoints, inclusion and consistency proofs.

Readable by every authenticated user: a proof holds hashes only. The event
itself comes with a proof only for a national auditor or admin, who may read
every event anyway (GET /audit/events).
"""

from __future__ import annotations

import re

from flask import current_app
from flask_smorest import Blueprint
from marshmallow import Schema, fields
from werkzeug.exceptions import ServiceUnavailable

from api.context import actor
from api.docs import documented
from api.params import given_only, number
from events.backup import line_of
from events.integrity import note, proofs

blp = Blueprint(
    "integrity",
    __name__,
    url_prefix="/api/v1/audit",
    description="Tamper evidence: signed checkpoints and Merkle proofs (RFC 9162)",
)
POSITION = re.compile(r"[0-9]{1,18}")
LARGEST = 2**62


class Checkpoint(Schema):
    """A signed tree head of the whole log."""

    origin = fields.Str(metadata={"description": "The log's name"})
    size = fields.Int(metadata={"description": "How many events the tree holds"})
    root = fields.Str(metadata={"description": "Tree head, base64"})
    note = fields.Str(metadata={"description": "The signed note (C2SP checkpoint)"})


class StoredEvent(Schema):
    """An event as the store holds it, as a backup line writes it."""

    position = fields.Int()
    originator_id = fields.Str()
    originator_version = fields.Int()
    topic = fields.Str()
    state = fields.Str(metadata={"description": "The stored state, exactly"})


class InclusionProof(Schema):
    """The audit path of one event (RFC 9162 §2.1.3)."""

    position = fields.Int()
    index = fields.Int(metadata={"description": "Leaf index: position in log order"})
    size = fields.Int()
    leaf_hash = fields.Str()
    root = fields.Str()
    proof = fields.List(fields.Str(), metadata={"description": "Audit path, base64"})
    event = fields.Nested(StoredEvent)


class ConsistencyProof(Schema):
    """The proof that a smaller tree is a prefix of a larger (RFC 9162 §2.1.4)."""

    from_ = fields.Int(data_key="from")
    to = fields.Int()
    from_root = fields.Str()
    to_root = fields.Str()
    proof = fields.List(fields.Str())


def _read():
    return current_app.extensions["dtks_read"]()


def _shown(checkpoint: note.Checkpoint) -> dict:
    return {
        "origin": checkpoint.origin,
        "size": checkpoint.size,
        "root": proofs.b64(checkpoint.root),
        "note": checkpoint.text,
    }


@blp.route("/checkpoint", methods=["GET"])
@documented(blp, problems=(401, 422, 503))
@blp.response(200, Checkpoint)
def checkpoint():
    """The latest signed checkpoint of the whole log (signed now if a key is set)."""
    given_only().raise_any()
    read = _read()
    try:
        key = note.load_key(note.key_path())
    except note.CheckpointError as error:  # a key file that is not a key
        raise ServiceUnavailable(f"the signing key cannot be used: {error}") from None
    if key is not None:
        return _shown(proofs.checkpoint(read.ledger, read.store, key))
    latest = proofs.latest_checkpoint(read.store)
    if latest is None:
        raise ServiceUnavailable(
            "no checkpoint has been signed: this server has no signing key "
            "(DTKS_LEDGER_KEY); run `dtks keys init` and `dtks audit checkpoint`"
        )
    return _shown(latest)


@blp.route("/events/<position>/proof", methods=["GET"])
@documented(blp, problems=(401, 404, 422))
@blp.response(200, InclusionProof)
def inclusion(position):
    """The inclusion proof of one event in the tree of `size` events (default all)."""
    errors = given_only("size")
    size = number(errors, "size", 0, LARGEST, low=1) or None
    if not POSITION.fullmatch(position):
        errors.add("position", "position is a whole number, the event's log position")
    errors.raise_any()
    read = _read()
    found = proofs.inclusion(read.ledger, read.store, int(position), size)
    if actor().role in ("auditor", "admin") and actor().region is None:
        event = read.ledger.recorder.select_notifications(start=int(position), limit=1)
        if event and event[0].id == int(position):
            found["event"] = line_of(event[0])
    return found


@blp.route("/consistency", methods=["GET"])
@documented(blp, problems=(401, 422))
@blp.response(200, ConsistencyProof)
def consistency():
    """The proof that the tree of `from` events is a prefix of the tree of `to`."""
    errors = given_only("from", "to")
    old = number(errors, "from", 0, LARGEST, low=1)
    size = number(errors, "to", 0, LARGEST, low=1) or None
    if not old and "from" not in errors:
        errors.add("from", "from is required: the size of the tree you hold")
    errors.raise_any()
    read = _read()
    return proofs.consistency(read.ledger, read.store, old, size)
