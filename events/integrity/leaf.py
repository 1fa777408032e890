"""The canonical bytes of a stored event, and its leaf hash in the sealed tree.

    topic      4-byte big-endian length, then the topic in UTF-8
    stream id  the 16 bytes of the stream's UUID
    version    8-byte big-endian unsigned integer
    state      4-byte big-endian length, then the state exactly as stored

The log position is not among them: an event's place is its leaf index, which
the tree itself binds. The store's position numbers are not kept by a restore
(PostgreSQL leaves gaps, a restore numbers 1, 2, 3, ...), and a checkpoint
published before a restore must still hold after it.
"""

from __future__ import annotations

import struct
import uuid

from events.integrity.merkle import leaf_hash


def canonical(topic: str, stream_id: uuid.UUID, version: int, state: bytes) -> bytes:
    """The bytes of one event that its leaf hash covers."""
    name = topic.encode("utf-8")
    return b"".join(
        (
            struct.pack(">I", len(name)),
            name,
            stream_id.bytes,
            struct.pack(">Q", version),
            struct.pack(">I", len(state)),
            state,
        )
    )


def leaf(topic: str, stream_id: object, version: int, state: bytes) -> bytes:
    """The leaf hash of one event."""
    return leaf_hash(canonical(topic, uuid.UUID(str(stream_id)), version, state))


def event_leaf(event) -> bytes:
    """The leaf hash of a stored event (or a notification of one)."""
    return leaf(
        event.topic, event.originator_id, event.originator_version, bytes(event.state)
    )
