"""Stream ids derived from a NIK or a No. KK.

Two processes that touch the same person or family write to the same event
stream, and the store lets only one of them win: the registry's rules then
hold even when two requests arrive at the same instant.
"""

from __future__ import annotations

import hashlib
from uuid import NAMESPACE_URL, UUID, uuid5

NAMESPACE = uuid5(NAMESPACE_URL, "https://dtks.kemensos.go.id/verval-ledger")
_NAMESPACE_BYTES = NAMESPACE.bytes


def person_id(nik: str) -> UUID:
    """The event-stream id of the person with this NIK."""
    return UUID(hex=person_hex(nik))


def family_id(kk: str) -> UUID:
    """The event-stream id of the family with this No. KK."""
    return UUID(hex=family_hex(kk))


def person_hex(nik: str) -> str:
    """`person_id(nik)` as 32 hex digits, the form a bulk load stores."""
    return _name_based(f"nik:{nik}")


def family_hex(kk: str) -> str:
    """`family_id(kk)` as 32 hex digits."""
    return _name_based(f"kk:{kk}")


def _name_based(name: str) -> str:
    # uuid5(NAMESPACE, name).hex, without building UUID objects: a baseline
    # import derives a million of these.
    digest = bytearray(hashlib.sha1(_NAMESPACE_BYTES + name.encode()).digest()[:16])
    digest[6] = (digest[6] & 0x0F) | 0x50  # version 5
    digest[8] = (digest[8] & 0x3F) | 0x80  # RFC 4122 variant
    return digest.hex()
