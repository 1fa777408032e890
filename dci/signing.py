"""Signatures of DCI envelopes: Ed25519 over a digest of header and message.

The signed bytes (docs/DCI.md) are, joined by newlines:

    (created): <created, Unix seconds>
    (expires): <expires, Unix seconds>
    digest: BLAKE-512=<base64 BLAKE2b-512 of the canonical JSON of the envelope>

where the envelope is {"header": ..., "message": ...} (without "message" when
there is none) written with sorted keys, no spaces, UTF-8, non-ASCII unescaped.
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import (
    Ed25519PrivateKey,
    Ed25519PublicKey,
)

from events.integrity import note

LIFETIME = 300  # seconds a signature we make stays valid
SKEW = 60  # seconds a sender's clock may run ahead of ours
FIELD = re.compile(r'(\w+)="([^"]*)"')


class BadSignature(Exception):
    """A signature that is absent where required, malformed, expired or wrong."""

    def __init__(self, code: str, message: str):
        super().__init__(message)
        self.code, self.message = code, message


def canonical(envelope: dict) -> bytes:
    """The envelope's bytes as they are digested."""
    return json.dumps(
        envelope, sort_keys=True, separators=(",", ":"), ensure_ascii=False
    ).encode()


def signed_bytes(envelope: dict, created: int, expires: int) -> bytes:
    """What the Ed25519 signature covers."""
    digest = base64.b64encode(hashlib.blake2b(canonical(envelope)).digest()).decode()
    return (
        f"(created): {created}\n(expires): {expires}\ndigest: BLAKE-512={digest}"
    ).encode()


def body_of(header: Any, message: Any) -> dict:
    """The part of an envelope that is signed."""
    return (
        {"header": header}
        if message is None
        else {"header": header, "message": message}
    )


def sign(key: Ed25519PrivateKey, key_id: str, envelope: dict, now: int) -> str:
    """The standard's signature string for an envelope, made now."""
    created, expires = now, now + LIFETIME
    value = base64.b64encode(key.sign(signed_bytes(envelope, created, expires)))
    return (
        f'Signature: namespace="spdci", kidId="{key_id}|ed25519", '
        f'algorithm="ed25519", created="{created}", expires="{expires}", '
        f'headers="(created) (expires) digest", signature="{value.decode()}"'
    )


def verify(public_pem: str, signature: str, envelope: dict, now: int) -> None:
    """Check a signature against a registered public key, or BadSignature."""
    fields = dict(FIELD.findall(signature))
    try:
        created, expires = int(fields["created"]), int(fields["expires"])
        raw = base64.b64decode(fields["signature"], validate=True)
    except (KeyError, ValueError):
        raise _invalid("the signature lacks created, expires or signature") from None
    if fields.get("algorithm", "ed25519") != "ed25519":
        raise _invalid("the signature's algorithm must be ed25519")
    if created > now + SKEW or expires < now:
        raise _invalid("the signature has expired or is not yet valid")
    key = serialization.load_pem_public_key(public_pem.encode())
    assert isinstance(key, Ed25519PublicKey)
    try:
        key.verify(raw, signed_bytes(envelope, created, expires))
    except InvalidSignature:
        raise _invalid("the signature does not match the header and message") from None


def _invalid(message: str) -> BadSignature:
    return BadSignature("err.signature.invalid", message)


def ledger_key() -> Ed25519PrivateKey | None:
    """The ledger's signing key (`dtks keys init`: DTKS_LEDGER_KEY, else
    var/ledger-key.pem), or None when there is none."""
    return note.load_key(note.key_path())


def key_id(key: Ed25519PrivateKey) -> str:
    """A short name of a key: the start of the SHA-256 of its public bytes."""
    public = key.public_key().public_bytes(
        serialization.Encoding.Raw, serialization.PublicFormat.Raw
    )
    return hashlib.sha256(public).hexdigest()[:16]


def public_pem(key: Ed25519PrivateKey) -> str:
    """The public half of a key, as PEM."""
    return (
        key.public_key()
        .public_bytes(
            serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
        )
        .decode()
    )
